package dev.junction.gateway.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keys and teams for the request path, cached for the whole cluster. The store is the truth; a Hazelcast map
 * holds every key and team any node has looked up or changed, and each node keeps a local copy that the map's
 * listeners update on every change. So a key made on one node works on every node at once, and a deleted,
 * blocked or changed key takes effect everywhere within the time an event needs to cross the cluster
 * (milliseconds). A looked-up key costs no network once cached locally.
 *
 * <p>Deletions leave a tombstone in the cluster map for a while, so that a node that read the key from the
 * store just before it was deleted cannot put it back.
 */
public final class KeyDirectory {
    static final String KEYS_MAP = "junction.keys";
    static final String TEAMS_MAP = "junction.teams";
    private static final String TOMBSTONE = "";
    private static final Duration TOMBSTONE_TTL = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final KeyStore store;
    private final WorkerExecutor worker;
    private final Shelf<VirtualKey> keys;
    private final Shelf<Team> teams;

    public KeyDirectory(Vertx vertx, HazelcastInstance hazelcast, KeyStore store, WorkerExecutor worker) {
        this.vertx = vertx;
        this.store = store;
        this.worker = worker;
        this.keys = new Shelf<>(hazelcast.getMap(KEYS_MAP), KeyJson::key, KeyJson::of);
        this.teams = new Shelf<>(hazelcast.getMap(TEAMS_MAP), KeyJson::team, KeyJson::of);
    }

    public KeyStore store() {
        return store;
    }

    /** Runs blocking store work on the store's worker threads. */
    public <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return worker.executeBlocking(work, false);
    }

    /** The key with this token (SHA-256 hex), if it exists. */
    public Future<Optional<VirtualKey>> key(String token) {
        return keys.find(token, () -> store.findKey(token));
    }

    public Future<Optional<Team>> team(String teamId) {
        return teams.find(teamId, () -> store.findTeam(teamId));
    }

    /** Tells every node about a key made or changed (already written to the store). */
    public Future<Void> published(VirtualKey key) {
        return keys.publish(key.token(), key);
    }

    /** Tells every node a key is gone (already deleted from the store). */
    public Future<Void> removedKey(String token) {
        return keys.remove(token);
    }

    public Future<Void> published(Team team) {
        return teams.publish(team.teamId(), team);
    }

    public Future<Void> removedTeam(String teamId) {
        return teams.remove(teamId);
    }

    /** One kind of entry: the cluster map, this node's copy, and the store lookup behind both. */
    private final class Shelf<T> {
        private final IMap<String, String> shared;
        private final Function<JsonObject, T> decode;
        private final Function<T, JsonObject> encode;
        private final Cache<String, Optional<T>> local = Caffeine.newBuilder()
                .maximumSize(100_000)
                // Events keep the copy current; expiry only bounds the staleness should one ever be missed.
                .expireAfterWrite(60, TimeUnit.SECONDS)
                .build();

        Shelf(IMap<String, String> shared, Function<JsonObject, T> decode, Function<T, JsonObject> encode) {
            this.shared = shared;
            this.decode = decode;
            this.encode = encode;
            shared.addEntryListener(new Listener(), true);
        }

        Future<Optional<T>> find(String id, java.util.concurrent.Callable<Optional<T>> fromStore) {
            Optional<T> cached = local.getIfPresent(id);
            if (cached != null) {
                return Future.succeededFuture(cached);
            }
            Context context = vertx.getOrCreateContext();
            return Future.fromCompletionStage(shared.getAsync(id), context).compose(json -> {
                if (json != null) {
                    Optional<T> found = decodeShared(json);
                    local.put(id, found);
                    return Future.succeededFuture(found);
                }
                // The store read and the put that shares its result both block: a worker thread does both.
                return worker.executeBlocking(
                                () -> {
                                    Optional<T> found = fromStore.call();
                                    if (found.isEmpty()) {
                                        return found;
                                    }
                                    // putIfAbsent: a change or deletion made meanwhile on another node wins.
                                    String previous = shared.putIfAbsent(
                                            id, encode.apply(found.get()).encode());
                                    return previous == null ? found : decodeShared(previous);
                                },
                                false)
                        .onSuccess(found -> local.put(id, found));
            });
        }

        Future<Void> publish(String id, T value) {
            String encoded = encode.apply(value).encode();
            local.put(id, Optional.of(value));
            return Future.fromCompletionStage(shared.setAsync(id, encoded), vertx.getOrCreateContext());
        }

        Future<Void> remove(String id) {
            local.put(id, Optional.empty());
            return Future.fromCompletionStage(
                    shared.setAsync(id, TOMBSTONE, TOMBSTONE_TTL.toSeconds(), TimeUnit.SECONDS),
                    vertx.getOrCreateContext());
        }

        private Optional<T> decodeShared(String json) {
            return json.isEmpty() ? Optional.empty() : Optional.of(decode.apply(new JsonObject(json)));
        }

        /** Mirrors every change of the cluster map into this node's copy. */
        private final class Listener
                implements EntryAddedListener<String, String>,
                        EntryUpdatedListener<String, String>,
                        EntryRemovedListener<String, String>,
                        EntryExpiredListener<String, String>,
                        EntryEvictedListener<String, String> {

            @Override
            public void entryAdded(EntryEvent<String, String> event) {
                local.put(event.getKey(), decodeShared(event.getValue()));
            }

            @Override
            public void entryUpdated(EntryEvent<String, String> event) {
                local.put(event.getKey(), decodeShared(event.getValue()));
            }

            @Override
            public void entryRemoved(EntryEvent<String, String> event) {
                local.invalidate(event.getKey());
            }

            @Override
            public void entryExpired(EntryEvent<String, String> event) {
                local.invalidate(event.getKey());
            }

            @Override
            public void entryEvicted(EntryEvent<String, String> event) {
                local.invalidate(event.getKey());
            }
        }
    }
}
