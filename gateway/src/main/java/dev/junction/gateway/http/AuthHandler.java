package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Secret;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Establishes who calls: the master key (compared in constant time), or a virtual key looked up by its hash
 * (known, not blocked, not expired, its team not blocked). Without a master key the gateway is open and
 * every caller is the admin, as in LiteLLM.
 */
final class AuthHandler implements Handler<RoutingContext> {
    static final String CALLER = "junction.caller";

    private final Secret masterKey;
    private final KeyDirectory directory;
    private final Clock clock;

    AuthHandler(Secret masterKey, KeyDirectory directory, Clock clock) {
        this.masterKey = masterKey;
        this.directory = directory;
        this.clock = clock;
    }

    static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        return caller == null ? Caller.ADMIN : caller;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (masterKey == null) {
            ctx.put(CALLER, Caller.ADMIN).next();
            return;
        }
        String key = ApiKeys.find(ctx.request());
        if (key == null) {
            ctx.fail(denied("No api key passed in."));
        } else if (key.isEmpty()) {
            ctx.fail(denied("Malformed API Key passed in. Ensure Key has `Bearer ` prefix."));
        } else if (masterKey.matches(key)) {
            ctx.put(CALLER, Caller.ADMIN).next();
        } else if (!key.startsWith("sk-")) {
            // Never echo the key: a typo of the master key is nearly the master key.
            ctx.fail(denied("Virtual key expected: keys start with 'sk-'."));
        } else {
            // The body handler comes after this one: hold the body back while the key is looked up.
            ctx.request().pause();
            lookUp(KeyHashes.token(key)).onComplete(found -> {
                if (found.failed()) {
                    ctx.fail(found.cause());
                } else {
                    ctx.put(CALLER, found.result()).next();
                }
                ctx.request().resume();
            });
        }
    }

    private Future<Caller> lookUp(String token) {
        return directory.key(token).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(GatewayException.of(
                        ErrorKind.KEY_NOT_FOUND,
                        "Authentication Error, Invalid proxy server token passed. The key was not found: create"
                                + " keys with /key/generate."));
            }
            VirtualKey key = found.get();
            Instant now = clock.instant();
            if (key.blocked()) {
                return Future.failedFuture(denied("Key is blocked. Update via `/key/unblock` if you're admin."));
            }
            if (key.isExpired(now)) {
                return Future.failedFuture(GatewayException.of(
                        ErrorKind.KEY_EXPIRED,
                        "Authentication Error - Expired Key. Key Expiry time " + key.expires() + " and current time "
                                + now));
            }
            if (key.teamId() == null) {
                return Future.succeededFuture(new Caller.KeyHolder(key, null));
            }
            return directory.team(key.teamId()).compose(team -> withTeam(key, team));
        });
    }

    private static Future<Caller> withTeam(VirtualKey key, Optional<Team> team) {
        if (team.isEmpty()) {
            return Future.failedFuture(denied("The key's team " + key.teamId() + " no longer exists."));
        }
        if (team.get().blocked()) {
            return Future.failedFuture(
                    denied("Team " + key.teamId() + " is blocked. Update via `/team/unblock` if you're admin."));
        }
        return Future.succeededFuture(new Caller.KeyHolder(key, team.get()));
    }

    private static GatewayException denied(String reason) {
        return GatewayException.of(ErrorKind.AUTHENTICATION, "Authentication Error, " + reason);
    }
}
