package dev.junction.gateway.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.JwtSettings;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.ModelAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * JWT authentication as LiteLLM's {@code litellm_jwtauth} defines it. A verified token is the admin when its
 * scopes hold {@code admin_jwt_scope} (on {@code admin_allowed_routes} only), a team when its team claim names
 * an existing, unblocked team (on {@code team_allowed_routes} only), else a user. A team or user token calls as
 * a key with no limits of its own, so its team's models, aliases, limits and budget apply as for the team's
 * keys. With {@code team_ids_jwt_field} the token lists several teams; a call runs as the first of them allowed
 * its model ({@link #forModel}).
 */
public final class JwtAuthenticator {
    private final JwtSettings settings;
    private final JwtVerifier verifier;
    private final JwtTeams teams;
    /** What {@link #forModel} needs of a token authenticated moments before, by the token's hash. */
    private final Cache<String, JwtIdentity> identities = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    JwtAuthenticator(JwtSettings settings, JwtVerifier verifier, JwtTeams teams) {
        this.settings = settings;
        this.verifier = verifier;
        this.teams = teams;
    }

    public static JwtAuthenticator create(Vertx vertx, JwtSettings settings, KeyDirectory directory) {
        JwksKeys keys = new JwksKeys(
                vertx,
                settings.publicKeyUrls(),
                JwtVerifier.options(settings.audience()),
                settings.publicKeyTtl(),
                JwksKeys.MIN_REFETCH,
                Clock.systemUTC());
        return new JwtAuthenticator(settings, new JwtVerifier(keys), new JwtTeams(directory, Clock.systemUTC()));
    }

    /** Whether a presented key is a JWT (three dot-separated parts), which this authenticator then checks. */
    public static boolean isJwt(String key) {
        return JwtVerifier.looksLikeJwt(key);
    }

    /** Who a token calls as on {@code route}; fails with a 401 or 403 worded as LiteLLM's. */
    public Future<Caller> authenticate(String token, String route) {
        return verifier.verify(token).compose(claims -> identify(claims, route)).map(identity -> {
            identities.put(KeyHashes.token(token), identity);
            return identity.caller();
        });
    }

    /**
     * The caller a request for {@code model} runs as: with a team list, the first team allowed the model;
     * with {@code enforce_scope_based_access}, only the models of the token's scopes.
     *
     * @throws GatewayException a 403 when no team of the token, or none of its scopes, allows the model
     */
    public Caller forModel(String token, Caller caller, String model, ModelAccess access) {
        JwtIdentity identity = identities.getIfPresent(KeyHashes.token(token));
        if (identity == null || !(caller instanceof Caller.KeyHolder)) {
            return caller;
        }
        if (settings.scopeBasedAccess() && !identity.scopeModels().contains(model)) {
            throw forbidden("model=" + model + " not allowed. Allowed_models=" + identity.scopeModels());
        }
        if (!identity.chooseByModel()) {
            return caller;
        }
        for (Caller.KeyHolder candidate : identity.teams()) {
            if (access.allows(candidate, model)) {
                return candidate;
            }
        }
        throw forbidden("No team has access to the requested model: " + model + ". Checked teams=" + identity.teamIds()
                + ". Check `/models` to see all available models.");
    }

    private Future<JwtIdentity> identify(JsonObject claims, String route) {
        List<String> scopes = JwtClaims.scopes(claims);
        String teamId = JwtClaims.text(claims, settings.teamIdField());
        if (teamId == null) {
            teamId = settings.teamIdDefault();
        }
        List<String> teamIds = JwtClaims.listAt(claims, settings.teamIdsField());
        String userId = JwtClaims.text(claims, settings.userIdField());
        if (userId == null) {
            userId = JwtClaims.text(claims, settings.userEmailField());
        }
        List<String> scopeModels = settings.scopeModels().entrySet().stream()
                .filter(mapping -> scopes.contains(mapping.getKey()))
                .flatMap(mapping -> mapping.getValue().stream())
                .toList();
        if (scopes.contains(settings.adminScope())) {
            if (!settings.adminAllowedRoutes().matches(route)) {
                throw forbidden("Admin not allowed to access this route. Route=" + route + ", Allowed Routes="
                        + settings.adminAllowedRoutes());
            }
            return Future.succeededFuture(JwtIdentity.admin(scopeModels));
        }
        checkRole(claims, teamId, teamIds, userId);
        if (settings.teamIdField() != null && teamId == null) {
            throw denied("No team id found in token. Checked team_id field '" + settings.teamIdField() + "'");
        }
        if (teamId == null && teamIds.isEmpty()) {
            if (settings.enforceTeamBasedModelAccess()) {
                throw forbidden("No teams found in token. `enforce_team_based_model_access` is set to True."
                        + " Token must belong to a team.");
            }
            return Future.succeededFuture(JwtIdentity.user(teams.userOnly(userId, claims), scopeModels));
        }
        if (!settings.teamAllowedRoutes().matches(route)) {
            throw forbidden("Team not allowed to access this route. Route=" + route + ", Allowed Routes="
                    + settings.teamAllowedRoutes());
        }
        String user = userId;
        if (teamId != null) {
            return teams.one(teamId, user, claims).map(holder -> JwtIdentity.team(holder, scopeModels));
        }
        return teams.firstUsable(teamIds, user, claims)
                .map(candidates -> JwtIdentity.teams(candidates, teamIds, scopeModels));
    }

    /** {@code enforce_rbac}: the token must be the admin, a team, a user, or hold an allowed user role. */
    private void checkRole(JsonObject claims, String teamId, List<String> teamIds, String userId) {
        if (!settings.enforceRbac() || teamId != null || !teamIds.isEmpty() || userId != null) {
            return;
        }
        List<String> roles = JwtClaims.listAt(claims, settings.userRolesField());
        if (roles.stream().noneMatch(settings.userAllowedRoles()::contains)) {
            throw forbidden("Unmatched token passed in. enforce_rbac is set to True. Token must belong to a proxy"
                    + " admin, team, or user.");
        }
    }

    static GatewayException forbidden(String message) {
        return GatewayException.of(ErrorKind.PERMISSION_DENIED, message);
    }

    static GatewayException denied(String reason) {
        return GatewayException.of(ErrorKind.AUTHENTICATION, "Authentication Error, " + reason);
    }
}
