package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The spend writer on the embedded store, behind a switch that can take the "database" down. */
class SpendWriterIT {
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    private KeyStore real;
    private FlakyStore store;

    @BeforeEach
    void open() {
        real = KeyStores.openEmbedded(dataDir);
        real.insertKey(KeyStoreContract.key("t1"));
        real.insertTeam(KeyStoreContract.team("a", KeyStoreContract.T0));
        store = new FlakyStore(real);
    }

    @AfterEach
    void close() {
        real.close();
    }

    private double keySpend() {
        return real.findKey("t1").orElseThrow().spend();
    }

    @Test
    void amounts_from_many_threads_are_written_in_one_batch() throws Exception {
        try (SpendWriter writer = new SpendWriter(store, NEVER)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        writer.add("key:t1", 0.25);
                        writer.add("team:a", 0.5);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            writer.flush();
            assertThat(store.batches.get()).isEqualTo(1);
            assertThat(keySpend()).isEqualTo(1000.0);
            assertThat(real.findTeam("a").orElseThrow().spend()).isEqualTo(2000.0);
            writer.flush();
            assertThat(store.batches.get()).as("nothing to write").isEqualTo(1);
        }
    }

    @Test
    void amounts_are_written_every_interval() throws Exception {
        try (SpendWriter writer = new SpendWriter(store, Duration.ofMillis(50))) {
            writer.add("key:t1", 1.5);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (keySpend() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(keySpend()).isEqualTo(1.5);
        }
    }

    @Test
    void a_reset_drops_the_amounts_added_before_it() {
        Instant next = Instant.parse("2025-03-01T00:00:00Z");
        real.applySpend(Map.of(), Map.of("key:t1", 9.0));
        try (SpendWriter writer = new SpendWriter(store, NEVER)) {
            writer.add("key:t1", 5.0);
            writer.reset("key:t1", next);
            writer.add("key:t1", 0.75);
            writer.flush();
        }
        assertThat(keySpend()).isEqualTo(0.75);
        assertThat(real.findKey("t1").orElseThrow().budgetResetAt()).isEqualTo(next);
    }

    @Test
    void a_failed_write_keeps_the_amounts_retries_and_logs_the_outage_once() {
        Logger logger = (Logger) LoggerFactory.getLogger(SpendWriter.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (SpendWriter writer = new SpendWriter(store, NEVER)) {
            store.down = true;
            writer.add("key:t1", 2.0);
            assertThatThrownBy(writer::flush).isInstanceOf(KeyStoreException.class);
            writer.add("key:t1", 1.0);
            assertThatThrownBy(writer::flush).isInstanceOf(KeyStoreException.class);
            assertThat(keySpend()).isZero();
            store.down = false;
            writer.flush();
            assertThat(keySpend()).isEqualTo(3.0);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.INFO).hasSize(1);
    }

    @Test
    void close_flushes_what_is_pending() {
        SpendWriter writer = new SpendWriter(store, NEVER);
        writer.add("key:t1", 4.0);
        writer.close();
        assertThat(keySpend()).isEqualTo(4.0);
        assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void subjects_must_be_keys_or_teams() {
        try (SpendWriter writer = new SpendWriter(store, NEVER)) {
            assertThatThrownBy(() -> writer.add("bogus:u", 1.0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.reset("t1", null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The real store, whose spend writes fail while {@code down}, counting the batches written. */
    private static final class FlakyStore implements KeyStore {
        private final KeyStore store;
        final AtomicInteger batches = new AtomicInteger();
        volatile boolean down;

        FlakyStore(KeyStore store) {
            this.store = store;
        }

        @Override
        public void applySpend(Map<String, Instant> resets, Map<String, Double> amounts) {
            if (down) {
                throw new KeyStoreException("down", null);
            }
            store.applySpend(resets, amounts);
            batches.incrementAndGet();
        }

        @Override
        public void insertKey(VirtualKey key) {
            store.insertKey(key);
        }

        @Override
        public boolean updateKey(VirtualKey key) {
            return store.updateKey(key);
        }

        @Override
        public Optional<VirtualKey> findKey(String token) {
            return store.findKey(token);
        }

        @Override
        public Optional<VirtualKey> findKeyByAlias(String alias) {
            return store.findKeyByAlias(alias);
        }

        @Override
        public List<VirtualKey> listKeys(String teamId, int offset, int limit) {
            return store.listKeys(teamId, offset, limit);
        }

        @Override
        public int countKeys(String teamId) {
            return store.countKeys(teamId);
        }

        @Override
        public List<String> deleteKeys(Collection<String> tokens) {
            return store.deleteKeys(tokens);
        }

        @Override
        public boolean replaceToken(String oldToken, String newToken, String newKeyName, Instant updatedAt) {
            return store.replaceToken(oldToken, newToken, newKeyName, updatedAt);
        }

        @Override
        public void insertTeam(Team team) {
            store.insertTeam(team);
        }

        @Override
        public boolean updateTeam(Team team) {
            return store.updateTeam(team);
        }

        @Override
        public Optional<Team> findTeam(String teamId) {
            return store.findTeam(teamId);
        }

        @Override
        public List<Team> listTeams(int offset, int limit) {
            return store.listTeams(offset, limit);
        }

        @Override
        public List<String> deleteTeams(Collection<String> teamIds) {
            return store.deleteTeams(teamIds);
        }

        @Override
        public void setSpend(String subjectId, double spend) {
            store.setSpend(subjectId, spend);
        }

        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public void close() {}
    }
}
