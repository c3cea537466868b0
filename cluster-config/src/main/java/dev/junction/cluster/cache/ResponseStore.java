package dev.junction.cluster.cache;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;

/**
 * Where cached answers live: the cluster's shared map, or one node's memory. Every method answers on the
 * calling Vert.x context and never blocks it.
 *
 * <p>Besides the answers, a store keeps short-lived fill markers: the first request to miss a key claims it, and
 * identical requests that miss meanwhile wait for its answer instead of calling the provider too.
 */
public interface ResponseStore {

    /** The answer stored under {@code key}, or null. */
    Future<CachedAnswer> get(String key);

    /** Stores {@code answer} for {@code ttl} (null: until the store needs the room). */
    Future<Void> put(String key, CachedAnswer answer, Duration ttl);

    /** Claims the filling of {@code key} for at most {@code ttl}: true for the first caller only. */
    Future<Boolean> claim(String key, Duration ttl);

    /** Whether some request holds the filling of {@code key}. */
    Future<Boolean> filling(String key);

    /** Gives up the filling of {@code key}: its answer was stored, or will not be. */
    void release(String key);

    /** Removes the answers under {@code keys}. */
    Future<Void> delete(Collection<String> keys);

    /** Removes every answer. */
    Future<Void> clear();

    /** How many answers this store holds (cluster-wide for the cluster's map). */
    Future<Integer> size();
}
