package dev.junction.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The access controls of {@code general_settings}: who may reach which route, what a request must carry, and
 * the limits the gateway holds for everyone. Each value is as validated at load; null means not configured.
 *
 * @param allowedIps {@code allowed_ips}: the only client addresses served, or null for any
 * @param useXForwardedFor {@code use_x_forwarded_for}: the client address is the last one of {@code
 *     X-Forwarded-For} (the one the proxy in front saw) instead of the connection's peer
 * @param allowedRoutes {@code allowed_routes}: the only routes served, or null for all
 * @param publicRoutes {@code public_routes}: routes served without a key, besides the health probes
 * @param adminOnlyRoutes {@code admin_only_routes}: routes only the admin may call
 * @param enforcedParams {@code enforced_params}: fields every LLM request must carry ({@code metadata.x} for a
 *     nested one)
 * @param enforceUserParam {@code enforce_user_param}: every LLM request must name its {@code user}
 * @param rejectClientsideMetadataTags {@code reject_clientside_metadata_tags}: a request may not set {@code
 *     metadata.tags}
 * @param keyHeaderName {@code litellm_key_header_name}: the only header a key is read from, or null
 * @param globalMaxParallelRequests {@code global_max_parallel_requests}: LLM calls in flight at once over the
 *     whole cluster, or null
 * @param maxResponseBytes {@code max_response_size_mb} in bytes, or null
 * @param keyCacheTtl {@code user_api_key_cache_ttl}: how long a key or team read from the store is used
 *     before it is read again, or null for as long as no change is published
 * @param jwt JWT authentication, or null when {@code enable_jwt_auth} is off
 */
public record AccessSettings(
        IpAllowList allowedIps,
        boolean useXForwardedFor,
        RouteList allowedRoutes,
        RouteList publicRoutes,
        RouteList adminOnlyRoutes,
        List<String> enforcedParams,
        boolean enforceUserParam,
        boolean rejectClientsideMetadataTags,
        String keyHeaderName,
        Integer globalMaxParallelRequests,
        Long maxResponseBytes,
        Duration keyCacheTtl,
        JwtSettings jwt) {

    public static final AccessSettings NONE = new AccessSettings(
            null, false, null, RouteList.NONE, RouteList.NONE, List.of(), false, false, null, null, null, null, null);

    public AccessSettings {
        Objects.requireNonNull(publicRoutes, "publicRoutes");
        Objects.requireNonNull(adminOnlyRoutes, "adminOnlyRoutes");
        enforcedParams = List.copyOf(enforcedParams);
    }
}
