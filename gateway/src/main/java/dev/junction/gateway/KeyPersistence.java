package dev.junction.gateway;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.SpendSink;
import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.store.KeyStores;
import dev.junction.gateway.keys.store.SpendWriter;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A node's keys, teams and spend: the store (embedded or PostgreSQL), the batched spend writer in front of
 * it, and the cluster-wide directory and budgets built on both. Closed last, after the spend is flushed.
 */
final class KeyPersistence implements AutoCloseable {
    /** Store calls are short queries; a few threads keep a burst of cache misses from queueing. */
    private static final int STORE_THREADS = 4;

    private final KeyStore store;
    private final SpendWriter writer;
    private final KeyServices services;

    private KeyPersistence(KeyStore store, SpendWriter writer, KeyServices services) {
        this.store = store;
        this.writer = writer;
        this.services = services;
    }

    /** Blocking (opens the database, runs migrations): call on a worker thread. */
    static KeyPersistence open(Vertx vertx, HazelcastInstance hazelcast, GeneralSettings general, Path dataDir) {
        KeyStore store = KeyStores.open(general, dataDir);
        SpendWriter writer = new SpendWriter(store, general.proxyBatchWriteAt());
        SpendSink sink = new SpendSink() {
            @Override
            public void add(String subjectId, double usd) {
                writer.add(subjectId, usd);
            }

            @Override
            public void reset(String subjectId, Instant nextResetAt) {
                writer.reset(subjectId, nextResetAt);
            }
        };
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("junction-key-store", STORE_THREADS);
        KeyServices services = new KeyServices(
                new KeyDirectory(vertx, hazelcast, store, worker),
                new BudgetLedger(vertx, hazelcast, sink, Clock.systemUTC()));
        return new KeyPersistence(store, writer, services);
    }

    KeyServices services() {
        return services;
    }

    /** Writes the spend not yet stored. Blocking. */
    void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
