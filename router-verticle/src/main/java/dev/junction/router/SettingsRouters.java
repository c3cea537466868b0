package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.config.RouterSettings;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Routes each request with the router built for the settings served when it arrives. Router settings changed at
 * run time ({@code /config/update}) arrive as a new {@link LiveDeployments} snapshot; the first request after it
 * builds the router of the new settings (strategies, retries, fallbacks and cooldown rules are cheap to build;
 * their state lives in the cluster), so a request is routed by one version of the settings from start to end.
 * One per router verticle instance.
 */
final class SettingsRouters {
    private final LiveDeployments deployments;
    private final Function<RouterSettings, RequestRouter> build;
    /** Swapped whole, so a reader never pairs one version's settings with another's router. */
    private volatile Built built;

    private record Built(RouterSettings settings, RequestRouter router) {}

    SettingsRouters(LiveDeployments deployments, Function<RouterSettings, RequestRouter> build) {
        this.deployments = deployments;
        this.build = build;
    }

    Future<RoutedReply> route(LlmRequest request) {
        return current().route(request);
    }

    private RequestRouter current() {
        RouterSettings served = deployments.router();
        Built known = built;
        // Identity, not equality: each snapshot's settings object is built once and shared by its requests.
        if (known == null || known.settings() != served) {
            known = new Built(served, build.apply(served));
            built = known;
        }
        return known.router();
    }
}
