package dev.junction.cluster.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The cluster cache: answers in {@link ResponseCacheMaps#RESPONSES}, fill markers in {@link
 * ResponseCacheMaps#FILLS}. Reads and writes are Hazelcast's asynchronous calls, one network hop to the key's
 * owner (none when this member owns it); the whole-map operations run on a worker.
 */
public final class HazelcastResponseStore implements ResponseStore {
    private final Vertx vertx;
    private final IMap<String, CachedAnswer> answers;
    private final IMap<String, String> fills;
    private final String holder = UUID.randomUUID().toString();

    public HazelcastResponseStore(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.answers = hazelcast.getMap(ResponseCacheMaps.RESPONSES);
        this.fills = hazelcast.getMap(ResponseCacheMaps.FILLS);
    }

    @Override
    public Future<CachedAnswer> get(String key) {
        return onCaller(answers.getAsync(key));
    }

    @Override
    public Future<Void> put(String key, CachedAnswer answer, Duration ttl) {
        return onCaller(
                ttl == null
                        ? answers.setAsync(key, answer)
                        : answers.setAsync(key, answer, Math.max(1, ttl.toMillis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public Future<Boolean> claim(String key, Duration ttl) {
        return onCaller(fills.submitToKey(key, new ClaimProcessor(holder, Math.max(1, ttl.toMillis()))));
    }

    @Override
    public Future<Boolean> filling(String key) {
        return onCaller(fills.getAsync(key)).map(marker -> marker != null);
    }

    @Override
    public void release(String key) {
        fills.removeAsync(key);
    }

    @Override
    public Future<Void> delete(Collection<String> keys) {
        return Future.all(keys.stream()
                        .map(key -> onCaller(answers.removeAsync(key)))
                        .toList())
                .mapEmpty();
    }

    @Override
    public Future<Void> clear() {
        return vertx.executeBlocking(() -> {
            answers.clear();
            return null;
        });
    }

    @Override
    public Future<Integer> size() {
        return vertx.executeBlocking(answers::size);
    }

    /** Hazelcast completes on its own threads; the caller's handlers must run on the caller's event loop. */
    private static <T> Future<T> onCaller(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
