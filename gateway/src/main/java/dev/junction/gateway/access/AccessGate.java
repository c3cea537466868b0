package dev.junction.gateway.access;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.AccessSettings;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The route-level access controls of {@code general_settings}, checked around authentication: before it,
 * {@code allowed_ips} and {@code allowed_routes} (LiteLLM's checks before reading any key); then whether the
 * route is one of the {@code public_routes}, served without a key; after it, {@code admin_only_routes}. The
 * health probes are served before any of this, as LiteLLM serves them without its auth.
 */
public final class AccessGate {
    private final AccessSettings settings;

    public AccessGate(AccessSettings settings) {
        this.settings = settings;
    }

    /** The refusal (403) of a request from an address or to a route the config does not allow, if any. */
    public Optional<GatewayException> beforeAuthentication(HttpServerRequest request) {
        if (settings.allowedIps() != null) {
            String address = ClientAddress.of(request, settings.useXForwardedFor());
            if (!settings.allowedIps().allows(address)) {
                return Optional.of(forbidden("Access forbidden: IP address " + address + " not allowed."));
            }
        }
        String route = request.path();
        if (settings.allowedRoutes() != null && !settings.allowedRoutes().matches(route)) {
            return Optional.of(forbidden("Access forbidden: Route " + route + " not allowed"));
        }
        return Optional.empty();
    }

    /** Whether the route is served without a key ({@code public_routes}). */
    public boolean isPublic(HttpServerRequest request) {
        return settings.publicRoutes().matches(request.path());
    }

    /** The refusal (403) of a caller other than the admin on one of the {@code admin_only_routes}, if any. */
    public Optional<GatewayException> afterAuthentication(HttpServerRequest request, Caller caller) {
        String route = request.path();
        if (!(caller instanceof Caller.Admin) && settings.adminOnlyRoutes().matches(route)) {
            return Optional.of(
                    forbidden("user not allowed to access this route. Route=" + route + " is an admin only route"));
        }
        return Optional.empty();
    }

    static GatewayException forbidden(String message) {
        return GatewayException.of(ErrorKind.PERMISSION_DENIED, message);
    }
}
