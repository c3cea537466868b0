package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.CallOwner;
import dev.junction.cluster.spend.CallRecord;
import dev.junction.config.ConfigException;
import dev.junction.config.GeneralSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spend log writer on the embedded store: batches off the caller's thread, retention, flush on close. */
class SpendLogWriterIT {
    @TempDir
    Path dataDir;

    private static CallRecord call(String id, long startMillis) {
        return new CallRecord(
                id,
                "acompletion",
                CallOwner.NONE,
                "openai/gpt-4o",
                "gpt-4o",
                "d",
                null,
                "openai",
                1,
                1,
                0.5,
                startMillis,
                startMillis + 1,
                true,
                false);
    }

    @Test
    void rows_are_written_in_batches_and_those_past_the_retention_period_deleted() throws Exception {
        try (JdbcKeyStore store = KeyStores.openEmbedded(dataDir)) {
            SpendLogStore logs = store.management().spendLogs();
            long now = System.currentTimeMillis();
            logs.insert(List.of(call("old", now - Duration.ofDays(2).toMillis())));
            SpendLogWriter writer = new SpendLogWriter(
                    logs,
                    store.describe(),
                    Duration.ofMillis(50),
                    new SpendLogRetention(Duration.ofDays(1), Duration.ofHours(1)),
                    Clock.systemUTC());
            for (int i = 0; i < 10_000; i++) {
                writer.record(call("new-" + i, now));
            }
            SpendLogFilter old = new SpendLogFilter(null, null, "old", null, null);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!logs.rows(old, 10).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(logs.rows(old, 10))
                    .as("deleted by the writer's own schedule")
                    .isEmpty();
            // What is still queued is written on close, in batches of at most MAX_BATCH rows.
            writer.close();
            assertThat(logs.total(new SpendLogFilter(null, null, null, null, null)))
                    .isEqualTo(5_000.0);
        }
    }

    @Test
    void a_retention_that_is_not_a_duration_stops_start_up_naming_it() {
        GeneralSettings general = new GeneralSettings(
                null, 32, false, new JsonObject().put("maximum_spend_logs_retention_period", "a month"));
        assertThatThrownBy(() -> SpendLogRetention.of(general))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("general_settings.maximum_spend_logs_retention_period:");
        GeneralSettings unset = new GeneralSettings(null, 32, false, new JsonObject());
        assertThat(SpendLogRetention.of(unset).enabled()).isFalse();
        assertThat(unset.spendLogs()).isTrue();
        assertThat(new GeneralSettings(null, 32, false, new JsonObject().put("disable_spend_logs", true)).spendLogs())
                .isFalse();
    }
}
