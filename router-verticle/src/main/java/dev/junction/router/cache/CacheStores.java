package dev.junction.router.cache;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.cache.HazelcastResponseStore;
import dev.junction.cluster.cache.LocalResponseStore;
import dev.junction.cluster.cache.ResponseStore;
import dev.junction.cluster.cache.VectorIndex;
import dev.junction.config.CacheSettings;
import io.vertx.core.Vertx;

/**
 * A node's cache storage, shared by its router instances and the admin routes.
 *
 * @param answers the answers, or null when the cache is off
 * @param vectors the prompt vectors of a semantic cache, or null
 */
public record CacheStores(ResponseStore answers, VectorIndex vectors) {
    public static CacheStores none() {
        return new CacheStores(null, null);
    }

    /** The stores {@code settings} call for: the cluster's maps, or this node's memory. */
    public static CacheStores open(Vertx vertx, HazelcastInstance hazelcast, CacheSettings settings) {
        if (!settings.enabled()) {
            return none();
        }
        if (settings.store() == CacheSettings.Store.LOCAL) {
            return new CacheStores(new LocalResponseStore(settings.maxBytesPerNode()), null);
        }
        return new CacheStores(
                new HazelcastResponseStore(vertx, hazelcast),
                settings.semantic() ? new VectorIndex(vertx, hazelcast) : null);
    }
}
