package dev.junction.gateway;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.CallLog;
import dev.junction.cluster.spend.LedgerOptions;
import dev.junction.cluster.spend.LedgerWriter;
import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.DirectoryReads;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.store.JdbcKeyStore;
import dev.junction.gateway.keys.store.KeyStores;
import dev.junction.gateway.keys.store.ManagementStores;
import dev.junction.gateway.keys.store.SpendLogRetention;
import dev.junction.gateway.keys.store.SpendLogWriter;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's keys, teams, users, organisations, end users and spend: the store (embedded or PostgreSQL), the
 * cluster-wide directory and budget ledger built on it, the writer that makes the ledger's spend durable in the
 * store, and the writer of spend log rows (one per call; the spend itself is only the ledger's). Closed last,
 * after the spend is written.
 */
final class KeyPersistence implements AutoCloseable {
    /** Store calls are short queries; a few threads keep a burst of cache misses from queueing. */
    private static final int STORE_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(KeyPersistence.class);

    /** How long a leaving node waits for its last settlements to reach the cluster. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);

    private final JdbcKeyStore store;
    private final LedgerWriter writer;
    private final SpendLogWriter logWriter;
    private final KeyServices services;
    private final WorkerExecutor worker;

    private KeyPersistence(
            JdbcKeyStore store,
            LedgerWriter writer,
            SpendLogWriter logWriter,
            KeyServices services,
            WorkerExecutor worker) {
        this.store = store;
        this.writer = writer;
        this.logWriter = logWriter;
        this.services = services;
        this.worker = worker;
    }

    /** Blocking (opens the database, runs migrations): call on a worker thread. */
    static KeyPersistence open(Vertx vertx, HazelcastInstance hazelcast, GeneralSettings general, Path dataDir) {
        JdbcKeyStore store = KeyStores.open(general, dataDir);
        LedgerWriter writer =
                new LedgerWriter(hazelcast, store::writeSpend, store.describe(), general.proxyBatchWriteAt());
        ManagementStores management = store.management();
        SpendLogWriter logWriter = general.spendLogs()
                ? new SpendLogWriter(
                        management.spendLogs(),
                        store.describe(),
                        general.proxyBatchWriteAt(),
                        SpendLogRetention.of(general),
                        Clock.systemUTC())
                : null;
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("junction-key-store", STORE_THREADS);
        KeyServices services = new KeyServices(
                new KeyDirectory(
                        vertx,
                        hazelcast,
                        store,
                        reads(management),
                        worker,
                        general.access().keyCacheTtl()),
                new BudgetLedger(
                        vertx, hazelcast, Clock.systemUTC(), LedgerOptions.defaults(general.budgetFailsClosed())));
        return new KeyPersistence(store, writer, logWriter, services, worker);
    }

    private static DirectoryReads reads(ManagementStores management) {
        return new DirectoryReads(
                management.users()::find,
                management.teamMembers()::find,
                management.organizations()::find,
                management.budgets()::find,
                management.endUsers()::find);
    }

    KeyServices services() {
        return services;
    }

    /** Users, memberships, organisations, budgets, end users and spend logs, on the key store's database. */
    ManagementStores management() {
        return store.management();
    }

    /** Where the router writes each call's spend log row; nothing with {@code disable_spend_logs}. */
    CallLog calls() {
        return logWriter == null ? CallLog.NONE : logWriter;
    }

    JdbcKeyStore store() {
        return store;
    }

    /** The store's worker pool: every blocking store call runs on it. */
    WorkerExecutor worker() {
        return worker;
    }

    /**
     * The node is leaving: writes the spend of the counters it owns once the settlements it sent have landed,
     * and stops writing; then writes the spend log rows still queued. What other nodes settle on those counters
     * later moves with them to the next owner. Blocking.
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
        if (logWriter != null) {
            logWriter.flush();
        }
    }

    @Override
    public void close() {
        writer.close();
        if (logWriter != null) {
            logWriter.close();
        }
        store.close();
    }
}
