package dev.junction.router;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.strategy.DeploymentPicker;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;

/** Routes one request: resolves its model group, picks a deployment, hands the call to its provider. */
public final class RequestRouter {
    private final ModelResolver resolver;
    private final DeploymentPicker picker;
    private final RouterSettings settings;
    private final EventBus bus;

    public RequestRouter(ModelResolver resolver, DeploymentPicker picker, RouterSettings settings, EventBus bus) {
        this.resolver = resolver;
        this.picker = picker;
        this.settings = settings;
        this.bus = bus;
    }

    public Future<RoutedReply> route(LlmRequest request) {
        Resolution resolution = resolver.resolve(request.model()).orElse(null);
        if (resolution == null) {
            return Future.failedFuture(unknownModel(request));
        }
        Deployment chosen = picker.pick(resolution.deployments());
        Duration timeout;
        try {
            timeout = CallTimeouts.forAttempt(request, chosen, settings);
        } catch (GatewayException invalid) {
            return Future.failedFuture(invalid);
        }
        Deployment target = ClientCredentials.apply(request, chosen);
        ProviderCall call = new ProviderCall(request, target, timeout);
        long started = System.nanoTime();
        return BusContract.request(bus, providerAddress(call), call, timeout, ProviderReply.class)
                .map(reply ->
                        new RoutedReply(reply, target, resolution.modelGroup(), 0, 0, System.nanoTime() - started));
    }

    /** Mock answers never touch the network, whatever provider the deployment names. */
    static String providerAddress(ProviderCall call) {
        boolean mocked = call.request().body().containsKey("mock_response")
                || call.deployment().mockResponse().isPresent();
        return mocked
                ? Addresses.MOCK_PROVIDER
                : Addresses.provider(call.deployment().family());
    }

    private static GatewayException unknownModel(LlmRequest request) {
        return GatewayException.of(
                        ErrorKind.INVALID_MODEL,
                        "/" + request.endpoint().path() + ": Invalid model name passed in model=" + request.model()
                                + ". Call `/v1/models` to view available models for your key.")
                .withParam("model");
    }
}
