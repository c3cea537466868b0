package dev.junction.gateway.access;

import dev.junction.cluster.node.ClusterView;
import dev.junction.config.AccessSettings;
import dev.junction.gateway.jwt.JwtAuthenticator;
import dev.junction.gateway.keys.KeyDirectory;
import io.vertx.core.Vertx;

/**
 * The access controls a node holds once for all its event loops: the JWT key set (fetched once per node) and
 * the node's share of {@code global_max_parallel_requests}.
 *
 * @param jwt JWT authentication, or null when it is off
 * @param parallel the global parallel limit, or null when there is none
 */
public record NodeAccess(JwtAuthenticator jwt, GlobalParallelLimit parallel) {
    public static final NodeAccess NONE = new NodeAccess(null, null);

    public static NodeAccess create(Vertx vertx, AccessSettings settings, KeyDirectory directory, ClusterView cluster) {
        return new NodeAccess(
                settings.jwt() == null ? null : JwtAuthenticator.create(vertx, settings.jwt(), directory),
                settings.globalMaxParallelRequests() == null
                        ? null
                        : new GlobalParallelLimit(settings.globalMaxParallelRequests(), cluster));
    }
}
