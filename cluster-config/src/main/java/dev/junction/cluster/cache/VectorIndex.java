package dev.junction.cluster.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The semantic cache's prompt vectors, in {@link ResponseCacheMaps#VECTORS}, spread over the members by key.
 *
 * <p>No index structure: a lookup scans every vector (a dot product each, only for those of the request's scope),
 * in parallel across the members, which is exact and needs no rebuilding as entries come and go. Its cost grows
 * with the vectors stored: at the default cap of 10,000 per node and 1,536 dimensions, about 15 million
 * multiply-adds per node per lookup, a few milliseconds. Past that an approximate index (HNSW) would be needed.
 */
public final class VectorIndex {
    private final Vertx vertx;
    private final IMap<String, PromptVector> vectors;

    public VectorIndex(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.vectors = hazelcast.getMap(ResponseCacheMaps.VECTORS);
    }

    /** The nearest vector of {@code scope} to {@code unitQuery}, or null when the scope holds none. */
    public Future<VectorMatch> nearest(String scope, float[] unitQuery) {
        // Hazelcast's aggregation has no asynchronous form: it waits on the members from a worker.
        return vertx.executeBlocking(() -> vectors.aggregate(new NearestVector(scope, unitQuery)), false);
    }

    public Future<Void> put(String key, PromptVector vector, Duration ttl) {
        return Future.fromCompletionStage(
                ttl == null
                        ? vectors.setAsync(key, vector)
                        : vectors.setAsync(key, vector, Math.max(1, ttl.toMillis()), TimeUnit.MILLISECONDS),
                vertx.getOrCreateContext());
    }

    public Future<Void> delete(Collection<String> keys) {
        return Future.all(keys.stream()
                        .map(key -> Future.fromCompletionStage(vectors.removeAsync(key), vertx.getOrCreateContext()))
                        .toList())
                .mapEmpty();
    }

    public Future<Void> clear() {
        return vertx.executeBlocking(() -> {
            vectors.clear();
            return null;
        });
    }
}
