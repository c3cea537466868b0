package dev.junction.gateway.keys;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Optional;

/**
 * Keys and teams for the request path, cached for the whole cluster. The store is the truth; a Hazelcast map
 * holds every key and team any node has looked up or changed, and each node keeps a local copy that the map's
 * listeners update on every change. So a key made on one node works on every node at once, and a deleted,
 * blocked or changed key takes effect everywhere within the time an event needs to cross the cluster
 * (milliseconds). A looked-up key costs no network once cached locally.
 *
 * <p>Ids the store does not have are remembered briefly on each node, and concurrent lookups of one id share
 * one query (see {@link ClusterCache}); store reads are bounded in time and refused at once during an outage
 * (see {@link StoreReads}), so an unknown key costs the database little and a database outage gives clients
 * a quick 503 instead of a slow 500.
 *
 * <p>Deletions leave a tombstone in the cluster map for a while, so that a node that read the key from the
 * store just before it was deleted cannot put it back.
 */
public final class KeyDirectory {
    static final String KEYS_MAP = "junction.keys";
    static final String TEAMS_MAP = "junction.teams";

    private final KeyStore store;
    private final WorkerExecutor worker;
    private final ClusterCache<VirtualKey> keys;
    private final ClusterCache<Team> teams;
    private final StoreReads reads;

    /** @param cacheTtl {@code user_api_key_cache_ttl}: entries are read from the store again after it; or null */
    public KeyDirectory(
            Vertx vertx, HazelcastInstance hazelcast, KeyStore store, WorkerExecutor worker, Duration cacheTtl) {
        this.store = store;
        this.worker = worker;
        this.reads = new StoreReads(vertx, worker, new StoreOutage(store.describe()));
        this.keys = new ClusterCache<>(vertx, hazelcast.getMap(KEYS_MAP), reads, KeyJson::key, KeyJson::of, cacheTtl);
        this.teams =
                new ClusterCache<>(vertx, hazelcast.getMap(TEAMS_MAP), reads, KeyJson::team, KeyJson::of, cacheTtl);
    }

    public KeyStore store() {
        return store;
    }

    /** Whether the store is taken as down: its last read failed and none was answered since. */
    public boolean storeDown() {
        return reads.storeDown();
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
}
