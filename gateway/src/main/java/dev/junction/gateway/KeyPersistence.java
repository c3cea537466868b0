package dev.junction.gateway;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.CallLog;
import dev.junction.cluster.spend.SpendSink;
import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.DirectoryReads;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyServices;
import dev.junction.gateway.keys.store.JdbcKeyStore;
import dev.junction.gateway.keys.store.KeyStores;
import dev.junction.gateway.keys.store.ManagementStores;
import dev.junction.gateway.keys.store.SpendLogRetention;
import dev.junction.gateway.keys.store.SpendLogWriter;
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

    private final JdbcKeyStore store;
    private final SpendWriter writer;
    private final SpendLogWriter logWriter;
    private final KeyServices services;

    private KeyPersistence(JdbcKeyStore store, SpendWriter writer, SpendLogWriter logWriter, KeyServices services) {
        this.store = store;
        this.writer = writer;
        this.logWriter = logWriter;
        this.services = services;
    }

    /** Blocking (opens the database, runs migrations): call on a worker thread. */
    static KeyPersistence open(Vertx vertx, HazelcastInstance hazelcast, GeneralSettings general, Path dataDir) {
        JdbcKeyStore store = KeyStores.open(general, dataDir);
        SpendWriter writer = new SpendWriter(store, general.proxyBatchWriteAt());
        ManagementStores management = store.management();
        SpendLogWriter logWriter = general.spendLogs()
                ? new SpendLogWriter(
                        management.spendLogs(),
                        store.describe(),
                        general.proxyBatchWriteAt(),
                        SpendLogRetention.of(general),
                        Clock.systemUTC())
                : null;
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
                new KeyDirectory(vertx, hazelcast, store, reads(management), worker),
                new BudgetLedger(vertx, hazelcast, sink, Clock.systemUTC()));
        return new KeyPersistence(store, writer, logWriter, services);
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

    /** Writes the spend and spend log rows not yet stored. Blocking. */
    void flush() {
        writer.flush();
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
