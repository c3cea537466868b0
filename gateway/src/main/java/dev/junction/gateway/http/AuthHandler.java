package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Secret;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Requires the master key on every route it guards. Without a master key the gateway is open. */
final class AuthHandler implements Handler<RoutingContext> {
    private final Secret masterKey;

    AuthHandler(Secret masterKey) {
        this.masterKey = masterKey;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (masterKey == null) {
            ctx.next();
            return;
        }
        String key = ApiKeys.find(ctx.request());
        if (key == null) {
            ctx.fail(denied("No api key passed in."));
        } else if (key.isEmpty()) {
            ctx.fail(denied("Malformed API Key passed in. Ensure Key has `Bearer ` prefix."));
        } else if (masterKey.matches(key)) {
            ctx.next();
        } else {
            // Never echo the key: a typo of the master key is nearly the master key.
            ctx.fail(denied("Invalid proxy server token passed. Valid keys are the master key or virtual keys."));
        }
    }

    private static GatewayException denied(String reason) {
        return GatewayException.of(ErrorKind.AUTHENTICATION, "Authentication Error, " + reason);
    }
}
