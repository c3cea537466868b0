package dev.junction.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JWT authentication ({@code general_settings.enable_jwt_auth: true} with {@code litellm_jwtauth}), in
 * LiteLLM's vocabulary. A token is verified against the JSON Web Key Set at {@code publicKeyUrls}; its claims
 * then say who calls: the admin (its scopes hold {@code adminScope}), a team (the claim {@code teamIdField},
 * or the first team of {@code teamIdsField} allowed the requested model) or a user.
 *
 * @param publicKeyUrls the JWKS endpoints ({@code JWT_PUBLIC_KEY_URL}, comma-separated as LiteLLM reads it)
 * @param audience the required {@code aud} ({@code JWT_AUDIENCE}), or null to accept any
 * @param publicKeyTtl how long a fetched key set is used before it is fetched again ({@code public_key_ttl})
 * @param adminScope the scope that makes a token the proxy admin ({@code admin_jwt_scope})
 * @param adminAllowedRoutes the routes an admin token may call ({@code admin_allowed_routes})
 * @param teamIdField the claim holding the caller's team ({@code team_id_jwt_field}), or null
 * @param teamIdDefault the team of tokens without a team claim ({@code team_id_default}), or null
 * @param teamIdsField the claim listing the caller's teams ({@code team_ids_jwt_field}), or null
 * @param teamAllowedRoutes the routes a team token may call ({@code team_allowed_routes})
 * @param userIdField the claim holding the user id ({@code user_id_jwt_field}), or null
 * @param userEmailField the claim holding the user's email, the user id when there is none, or null
 * @param userRolesField the claim (dotted path) listing the user's roles ({@code user_roles_jwt_field}), or null
 * @param userAllowedRoles the roles that make a token a user ({@code user_allowed_roles})
 * @param enforceRbac refuse tokens that are neither admin, team nor user ({@code enforce_rbac})
 * @param enforceTeamBasedModelAccess refuse tokens without a team allowed the model
 * @param scopeModels with {@code enforce_scope_based_access}: the models each scope grants ({@code
 *     scope_mappings}); empty when scope-based access is off
 */
public record JwtSettings(
        List<String> publicKeyUrls,
        String audience,
        Duration publicKeyTtl,
        String adminScope,
        RouteList adminAllowedRoutes,
        String teamIdField,
        String teamIdDefault,
        String teamIdsField,
        RouteList teamAllowedRoutes,
        String userIdField,
        String userEmailField,
        String userRolesField,
        List<String> userAllowedRoles,
        boolean enforceRbac,
        boolean enforceTeamBasedModelAccess,
        Map<String, List<String>> scopeModels) {

    public static final Duration DEFAULT_PUBLIC_KEY_TTL = Duration.ofSeconds(600);
    public static final String DEFAULT_ADMIN_SCOPE = "litellm_proxy_admin";
    public static final List<String> DEFAULT_ADMIN_ROUTES =
            List.of("management_routes", "spend_tracking_routes", "global_spend_tracking_routes", "info_routes");
    public static final List<String> DEFAULT_TEAM_ROUTES = List.of("openai_routes", "info_routes");

    public JwtSettings {
        publicKeyUrls = List.copyOf(publicKeyUrls);
        Objects.requireNonNull(publicKeyTtl, "publicKeyTtl");
        Objects.requireNonNull(adminScope, "adminScope");
        Objects.requireNonNull(adminAllowedRoutes, "adminAllowedRoutes");
        Objects.requireNonNull(teamAllowedRoutes, "teamAllowedRoutes");
        userAllowedRoles = userAllowedRoles == null ? List.of() : List.copyOf(userAllowedRoles);
        scopeModels = scopeModels == null ? Map.of() : Map.copyOf(scopeModels);
    }

    /** Whether {@code enforce_scope_based_access} limits tokens to the models of their scopes. */
    public boolean scopeBasedAccess() {
        return !scopeModels.isEmpty();
    }
}
