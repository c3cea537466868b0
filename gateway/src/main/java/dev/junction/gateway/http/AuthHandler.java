package dev.junction.gateway.http;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.AccessSettings;
import dev.junction.config.Secret;
import dev.junction.gateway.access.AccessGate;
import dev.junction.gateway.jwt.JwtAuthenticator;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.ModelAccess;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Establishes who calls: the master key (compared in constant time), a virtual key looked up by its hash
 * (known, not blocked, not expired, its team not blocked), or with {@code enable_jwt_auth} a JWT. Without a
 * master key the gateway is open and every other caller is the admin, as in LiteLLM. Around it, the route
 * controls of {@link AccessGate}: addresses and allowed routes before, public routes instead, admin-only
 * routes after.
 */
final class AuthHandler implements Handler<RoutingContext> {
    static final String CALLER = "junction.caller";
    private static final Future<Caller> ADMIN = Future.succeededFuture(Caller.ADMIN);

    private final Secret masterKey;
    private final KeyDirectory directory;
    private final Clock clock;
    private final AccessGate gate;
    private final String keyHeader;
    private final JwtAuthenticator jwt;

    AuthHandler(Secret masterKey, KeyDirectory directory, Clock clock) {
        this(masterKey, directory, clock, new AccessGate(AccessSettings.NONE), null, null);
    }

    /**
     * @param keyHeader the one header keys are read from ({@code litellm_key_header_name}), or null
     * @param jwt the JWT authentication, or null when {@code enable_jwt_auth} is off
     */
    AuthHandler(
            Secret masterKey,
            KeyDirectory directory,
            Clock clock,
            AccessGate gate,
            String keyHeader,
            JwtAuthenticator jwt) {
        this.masterKey = masterKey;
        this.directory = directory;
        this.clock = clock;
        this.gate = gate;
        this.keyHeader = keyHeader;
        this.jwt = jwt;
    }

    static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        return caller == null ? Caller.ADMIN : caller;
    }

    /**
     * Who calls: complete at once for the master key, an open gateway or a malformed key; after a lookup for a
     * virtual key.
     */
    Future<Caller> authenticate(HttpServerRequest request) {
        Optional<GatewayException> refused = gate.beforeAuthentication(request);
        if (refused.isPresent()) {
            return Future.failedFuture(refused.get());
        }
        if (gate.isPublic(request)) {
            return ADMIN;
        }
        Future<Caller> caller = identify(request);
        if (caller.isComplete()) {
            return caller.failed() ? caller : adminOnly(request, caller.result());
        }
        return caller.compose(known -> adminOnly(request, known));
    }

    private Future<Caller> adminOnly(HttpServerRequest request, Caller caller) {
        Optional<GatewayException> refused = gate.afterAuthentication(request, caller);
        return refused.isPresent() ? Future.failedFuture(refused.get()) : Future.succeededFuture(caller);
    }

    /**
     * The caller a request for {@code model} runs as: a JWT listing several teams calls as the first allowed
     * the model; any other caller as authenticated.
     */
    Caller forModel(HttpServerRequest request, Caller caller, String model, ModelAccess access) {
        if (jwt == null || !(caller instanceof Caller.KeyHolder)) {
            return caller;
        }
        String key = ApiKeys.find(request, keyHeader);
        return key != null && JwtAuthenticator.isJwt(key) ? jwt.forModel(key, caller, model, access) : caller;
    }

    private Future<Caller> identify(HttpServerRequest request) {
        String key = ApiKeys.find(request, keyHeader);
        if (jwt != null && key != null && JwtAuthenticator.isJwt(key)) {
            return jwt.authenticate(key, request.path());
        }
        if (masterKey == null) {
            return ADMIN;
        }
        if (key == null && keyHeader != null) {
            return Future.failedFuture(
                    denied("No LiteLLM Virtual Key pass. Please set header=" + keyHeader + ": Bearer <api_key>"));
        }
        if (key == null) {
            return Future.failedFuture(denied("No api key passed in."));
        }
        if (key.isEmpty()) {
            return Future.failedFuture(denied("Malformed API Key passed in. Ensure Key has `Bearer ` prefix."));
        }
        if (masterKey.matches(key)) {
            return ADMIN;
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            // No key can hold one (the admin API refuses them): not worth a lookup, nor a line in any log.
            return Future.failedFuture(denied("Malformed API Key passed in: it contains control characters."));
        }
        if (!key.startsWith("sk-")) {
            // Never echo the key: a typo of the master key is nearly the master key.
            return Future.failedFuture(denied("Virtual key expected: keys start with 'sk-'."));
        }
        return lookUp(KeyHashes.token(key));
    }

    /**
     * Runs {@code next} with the caller once known. While a key is looked up the request is paused, so that
     * no body bytes arrive before {@code next} has set its handlers.
     */
    void authenticate(HttpServerRequest request, Handler<AsyncResult<Caller>> next) {
        Future<Caller> caller = authenticate(request);
        if (caller.isComplete()) {
            next.handle(caller);
            return;
        }
        request.pause();
        caller.onComplete(done -> {
            next.handle(done);
            request.resume();
        });
    }

    @Override
    public void handle(RoutingContext ctx) {
        authenticate(ctx.request(), caller -> {
            if (caller.failed()) {
                ctx.fail(caller.cause());
            } else {
                ctx.put(CALLER, caller.result()).next();
            }
        });
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
