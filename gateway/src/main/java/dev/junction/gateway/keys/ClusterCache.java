package dev.junction.gateway.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One kind of entry of the {@link KeyDirectory} (keys or teams): the cluster map, this node's copy of it, this
 * node's memory of ids the store does not have, and the store lookup behind all three.
 *
 * <p>An id the store does not have is remembered for {@link #MISSING_FOR} (at most {@link #MISSING_MAX}
 * ids), so that a client repeating an unknown key costs the database one query, not one per request. Any
 * entry of the cluster map for the id (a key made or changed on any node) ends that at once, because
 * every node mirrors the map's events. Concurrent lookups of one id share one query.
 */
final class ClusterCache<T> {
    static final Duration MISSING_FOR = Duration.ofSeconds(10);
    static final int MISSING_MAX = 10_000;
    /** Different ids looked up at once; beyond this a lookup is refused (503) instead of queued. */
    static final int MAX_LOOKUPS = 1_000;

    private static final String TOMBSTONE = "";
    private static final Duration TOMBSTONE_TTL = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final IMap<String, String> shared;
    private final StoreReads reads;
    private final Function<JsonObject, T> decode;
    private final Function<T, JsonObject> encode;
    /** Without {@code user_api_key_cache_ttl}: events keep the copy current; this only bounds a missed one. */
    private static final Duration LOCAL_FOR = Duration.ofSeconds(60);

    private final Cache<String, Optional<T>> local;
    private final Cache<String, Boolean> missing;
    /** {@code user_api_key_cache_ttl}: how long an entry is used before the store is read again, or null. */
    private final Duration ttl;

    private final Map<String, CompletableFuture<Optional<T>>> lookups = new ConcurrentHashMap<>();
    /** How many times this node forgot an entry: a lookup that saw it change keeps nothing (see remember). */
    private final AtomicLong forgotten = new AtomicLong();
    /** The cluster map's name: how {@link DirectoryConfirmations} tells the caches apart. */
    private final String name;
    /** Confirms a change with every member once it is in the cluster map; nothing until the node is clustered. */
    private volatile DirectoryConfirmations confirmations;

    ClusterCache(
            Vertx vertx,
            IMap<String, String> shared,
            StoreReads reads,
            Function<JsonObject, T> decode,
            Function<T, JsonObject> encode,
            Duration ttl) {
        this.ttl = ttl;
        this.local = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(shorter(LOCAL_FOR, ttl))
                .build();
        this.missing = Caffeine.newBuilder()
                .maximumSize(MISSING_MAX)
                .expireAfterWrite(shorter(MISSING_FOR, ttl))
                .build();
        this.vertx = vertx;
        this.shared = shared;
        this.reads = reads;
        this.decode = decode;
        this.encode = encode;
        this.name = shared.getName();
        shared.addEntryListener(new Listener(), false);
    }

    String name() {
        return name;
    }

    void confirmWith(DirectoryConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    /**
     * Drops this node's copy of {@code id} now, rather than when the map's event arrives, so that the next lookup
     * reads the cluster map: what a member does when the node that made an admin change asks (see {@link
     * DirectoryConfirmations}).
     */
    Future<Void> refresh(String id) {
        forget(id);
        return Future.succeededFuture();
    }

    /** Once the cluster map has the change: every member takes it in before the admin call answers. */
    private Future<Void> confirmed(String id, Future<Void> written) {
        DirectoryConfirmations asking = confirmations;
        return asking == null ? written : written.compose(done -> asking.confirm(name, id));
    }

    Future<Optional<T>> find(String id, Callable<Optional<T>> fromStore) {
        Optional<T> cached = local.getIfPresent(id);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        if (missing.getIfPresent(id) != null) {
            return Future.succeededFuture(Optional.empty());
        }
        CompletableFuture<Optional<T>> running = lookups.get(id);
        if (running == null) {
            if (lookups.size() >= MAX_LOOKUPS) {
                return Future.failedFuture(StoreReads.busy());
            }
            CompletableFuture<Optional<T>> mine = new CompletableFuture<>();
            running = lookups.putIfAbsent(id, mine);
            if (running == null) {
                running = mine;
                lookUp(id, fromStore).onComplete(done -> {
                    lookups.remove(id, mine);
                    if (done.succeeded()) {
                        mine.complete(done.result());
                    } else {
                        mine.completeExceptionally(done.cause());
                    }
                });
            }
        }
        return reads.awaited(running);
    }

    private Future<Optional<T>> lookUp(String id, Callable<Optional<T>> fromStore) {
        long stamp = forgotten.get();
        return Future.fromCompletionStage(shared.getAsync(id), vertx.getOrCreateContext())
                .compose(json -> json != null
                        ? Future.succeededFuture(decodeShared(json))
                        // The put that shares the store's answer blocks too: the worker thread does both.
                        : reads.read(fromStore, found -> share(id, found)))
                .onSuccess(found -> remember(id, found, stamp));
    }

    /** Puts a key found in the store into the cluster map, unless a change or deletion made meanwhile won. */
    private Optional<T> share(String id, Optional<T> found) {
        if (found.isEmpty()) {
            return found;
        }
        String json = encode.apply(found.get()).encode();
        // With a TTL the cluster's copy expires too, so that a change made in the database behind Junction's
        // back is read within the TTL.
        String previous = ttl == null
                ? shared.putIfAbsent(id, json)
                : shared.putIfAbsent(id, json, ttl.toMillis(), TimeUnit.MILLISECONDS);
        return previous == null ? found : decodeShared(previous);
    }

    /**
     * Keeps a lookup's answer, unless this node forgot an entry since the lookup began: the answer may then be older
     * than the change that made it forget. Per-key atomic with {@link #forget} and {@link #replace}.
     */
    private void remember(String id, Optional<T> found, long stamp) {
        local.asMap().compute(id, (key, newer) -> {
            if (newer != null || forgotten.get() != stamp) {
                return newer;
            }
            if (found.isPresent()) {
                return found;
            }
            missing.put(key, Boolean.TRUE);
            return null;
        });
    }

    /** This node's copy becomes {@code value}, and the id is no longer remembered as missing. */
    private void replace(String id, Optional<T> value) {
        local.asMap().compute(id, (key, old) -> {
            missing.invalidate(key);
            return value;
        });
    }

    /**
     * This node no longer holds anything for the id, so its next lookup reads the cluster map. Changes arrive this
     * way rather than with the values events carry: an event that arrives late (after the admin call that made a
     * newer change was confirmed) then cannot bring an older value back.
     */
    private void forget(String id) {
        local.asMap().compute(id, (key, old) -> {
            forgotten.incrementAndGet();
            missing.invalidate(key);
            return null;
        });
    }

    Future<Void> publish(String id, T value) {
        replace(id, Optional.of(value));
        String json = encode.apply(value).encode();
        return confirmed(
                id,
                Future.fromCompletionStage(
                        ttl == null
                                ? shared.setAsync(id, json)
                                : shared.setAsync(id, json, ttl.toMillis(), TimeUnit.MILLISECONDS),
                        vertx.getOrCreateContext()));
    }

    Future<Void> remove(String id) {
        replace(id, Optional.empty());
        return confirmed(
                id,
                Future.fromCompletionStage(
                        shared.setAsync(id, TOMBSTONE, TOMBSTONE_TTL.toSeconds(), TimeUnit.SECONDS),
                        vertx.getOrCreateContext()));
    }

    private static Duration shorter(Duration bound, Duration ttl) {
        return ttl == null || ttl.compareTo(bound) > 0 ? bound : ttl;
    }

    private Optional<T> decodeShared(String json) {
        return json.isEmpty() ? Optional.empty() : Optional.of(decode.apply(new JsonObject(json)));
    }

    /** Every change of the cluster map makes this node forget its copy of the entry. */
    private final class Listener
            implements EntryAddedListener<String, String>,
                    EntryUpdatedListener<String, String>,
                    EntryRemovedListener<String, String>,
                    EntryExpiredListener<String, String>,
                    EntryEvictedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            forget(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            forget(event.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            forget(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            forget(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            forget(event.getKey());
        }
    }
}
