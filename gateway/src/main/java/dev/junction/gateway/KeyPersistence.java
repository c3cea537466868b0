package dev.junction.gateway;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.LedgerOptions;
import dev.junction.cluster.spend.LedgerWriter;
import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.store.KeyStores;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's keys, teams and spend: the store (embedded or PostgreSQL), the cluster-wide directory and budget
 * ledger built on it, and the writer that makes the ledger's spend durable in the store. Closed last, after the
 * spend is written.
 */
final class KeyPersistence implements AutoCloseable {
    /** Store calls are short queries; a few threads keep a burst of cache misses from queueing. */
    private static final int STORE_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(KeyPersistence.class);

    /** How long a leaving node waits for its last settlements to reach the cluster. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);

    private final KeyStore store;
    private final LedgerWriter writer;
    private final KeyServices services;
    private final WorkerExecutor worker;

    private KeyPersistence(KeyStore store, LedgerWriter writer, KeyServices services, WorkerExecutor worker) {
        this.store = store;
        this.writer = writer;
        this.services = services;
        this.worker = worker;
    }

    /** Blocking (opens the database, runs migrations): call on a worker thread. */
    static KeyPersistence open(Vertx vertx, HazelcastInstance hazelcast, GeneralSettings general, Path dataDir) {
        KeyStore store = KeyStores.open(general, dataDir);
        LedgerWriter writer =
                new LedgerWriter(hazelcast, store::writeSpend, store.describe(), general.proxyBatchWriteAt());
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("junction-key-store", STORE_THREADS);
        KeyServices services = new KeyServices(
                new KeyDirectory(
                        vertx, hazelcast, store, worker, general.access().keyCacheTtl()),
                new BudgetLedger(
                        vertx, hazelcast, Clock.systemUTC(), LedgerOptions.defaults(general.budgetFailsClosed())));
        return new KeyPersistence(store, writer, services, worker);
    }

    KeyServices services() {
        return services;
    }

    KeyStore store() {
        return store;
    }

    /** The store's worker pool: every blocking store call runs on it. */
    WorkerExecutor worker() {
        return worker;
    }

    /**
     * The node is leaving: writes the spend of the counters it owns once the settlements it sent have landed,
     * and stops writing. What other nodes settle on those counters later moves with them to the next owner.
     * Blocking.
     */
    void flush() {
        services.ledger().awaitSettled(SETTLE_WAIT);
        if (!writer.flush()) {
            LOG.error(
                    "Spend not written at shutdown: the key store {} is unavailable. Other members write it once it"
                            + " is back; a last member leaving loses it",
                    store.describe());
        }
        writer.close();
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
