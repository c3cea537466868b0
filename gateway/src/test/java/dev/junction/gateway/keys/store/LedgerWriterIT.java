package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.LedgerOptions;
import dev.junction.cluster.spend.LedgerWriter;
import dev.junction.gateway.keys.KeyStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The cluster's spend written by a real member to the embedded store: every interval, and through an outage. */
class LedgerWriterIT {
    private static final Duration NEVER = Duration.ofHours(1);
    private static KeyStore store;
    private static HazelcastInstance member;
    private static Vertx vertx;
    private static BudgetLedger ledger;
    private static volatile boolean down;

    @BeforeAll
    static void open() throws Exception {
        store = KeyStores.openEmbedded(Files.createTempDirectory("ledger-writer-it"));
        member = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(
                new ClusterSettings("ledger-writer-it-" + UUID.randomUUID(), null, List.of())));
        vertx = Vertx.vertx();
        ledger = new BudgetLedger(vertx, member, Clock.systemUTC(), LedgerOptions.defaults(false));
    }

    @AfterAll
    static void close() throws Exception {
        member.shutdown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        store.close();
    }

    /** A key in the store, and one call of {@code usd} on it settled in the cluster. */
    private static String keyWithCall(double usd) throws Exception {
        String token = "t-" + UUID.randomUUID();
        store.insertKey(KeyStoreContract.key(token));
        settle(token, usd);
        return token;
    }

    private static void settle(String token, double usd) throws Exception {
        SpendSubject key = new SpendSubject("key:" + token, null, null, null, null, null, 0, 0);
        ledger.settle(key, null, usd).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static double stored(String token) {
        return store.findKey(token).orElseThrow().spend();
    }

    @Test
    void spend_settled_in_the_cluster_is_written_every_interval() throws Exception {
        try (LedgerWriter writer =
                new LedgerWriter(member, store::writeSpend, store.describe(), Duration.ofMillis(50))) {
            String token = keyWithCall(1.5);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stored(token) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertThat(stored(token)).as("written once, not every interval").isEqualTo(1.5);
        }
    }

    @Test
    void an_outage_keeps_the_spend_in_the_cluster_writes_it_once_back_and_is_logged_once() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LedgerWriter.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        LedgerWriter writer = new LedgerWriter(
                member,
                writes -> {
                    if (down) {
                        throw new KeyStoreException("down", null);
                    }
                    store.writeSpend(writes);
                },
                store.describe(),
                NEVER);
        try {
            down = true;
            String token = keyWithCall(2.0);
            assertThat(writer.flush()).isFalse();
            settle(token, 1.0);
            assertThat(writer.flush()).isFalse();
            assertThat(stored(token)).isZero();

            down = false;
            assertThat(writer.flush()).isTrue();
            assertThat(stored(token)).isEqualTo(3.0);
        } finally {
            writer.close();
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO).hasSize(1);
    }
}
