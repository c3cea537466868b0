package dev.junction.cluster.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code local} cache: this node's memory only, bounded by the bytes of its answers (least recently used go
 * first, as Caffeine's window TinyLFU decides), each entry with its own time to live.
 */
public final class LocalResponseStore implements ResponseStore {
    /** What an entry costs beyond its body: the key, the record, Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 256;

    private final Cache<String, Timed> answers;
    private final Map<String, Long> fills = new ConcurrentHashMap<>();

    /** An answer with how long it may live, in nanoseconds (Long.MAX_VALUE: no limit). */
    private record Timed(CachedAnswer answer, long ttlNanos) {}

    public LocalResponseStore(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Timed timed) -> (int) Math.min(
                        Integer.MAX_VALUE,
                        (long) timed.answer().body().length + key.length() * 2L + ENTRY_OVERHEAD_BYTES))
                .expireAfter(new Expiry<String, Timed>() {
                    @Override
                    public long expireAfterCreate(String key, Timed timed, long now) {
                        return timed.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Timed timed, long now, long current) {
                        return timed.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Timed timed, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public Future<CachedAnswer> get(String key) {
        Timed timed = answers.getIfPresent(key);
        return Future.succeededFuture(timed == null ? null : timed.answer());
    }

    @Override
    public Future<Void> put(String key, CachedAnswer answer, Duration ttl) {
        answers.put(key, new Timed(answer, ttl == null ? Long.MAX_VALUE : Math.max(1, ttl.toNanos())));
        return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> claim(String key, Duration ttl) {
        long now = System.nanoTime();
        long until = now + ttl.toNanos();
        boolean[] claimed = {false};
        fills.compute(key, (k, held) -> {
            if (held != null && held - now > 0) {
                return held;
            }
            claimed[0] = true;
            return until;
        });
        return Future.succeededFuture(claimed[0]);
    }

    @Override
    public Future<Boolean> filling(String key) {
        Long held = fills.get(key);
        return Future.succeededFuture(held != null && held - System.nanoTime() > 0);
    }

    @Override
    public void release(String key) {
        fills.remove(key);
    }

    @Override
    public Future<Void> delete(Collection<String> keys) {
        answers.invalidateAll(keys);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> clear() {
        answers.invalidateAll();
        return Future.succeededFuture();
    }

    @Override
    public Future<Integer> size() {
        answers.cleanUp();
        return Future.succeededFuture((int) Math.min(Integer.MAX_VALUE, answers.estimatedSize()));
    }
}
