package dev.junction.gateway.observe.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextsTest {
    private static final Instant PERIOD = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void the_daily_report_ranks_deployments_by_failures_and_by_average_answer_time() {
        Map<String, double[]> tallies = Map.of(
                "fast-but-failing", new double[] {4, 3, 0.2},
                "slow", new double[] {3, 0, 3.0},
                "steady", new double[] {2, 1, 0.5});

        Alert report = ReportTexts.daily(tallies, Map.of(), PERIOD, Duration.ofHours(12));

        assertThat(report.type()).isEqualTo("daily_reports");
        assertThat(report.message())
                .containsSubsequence(
                        "most failed requests",
                        "1. `fast-but-failing`: `3` failed of `4`",
                        "2. `steady`: `1` failed of `2`",
                        "slowest deployments",
                        "1. `slow`: `1.000 s` on average",
                        "2. `steady`: `0.500 s` on average",
                        "3. `fast-but-failing`: `0.200 s` on average")
                .doesNotContain("`slow`: `0` failed");
        assertThat(report.fields().getString("period")).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(report.fields().getJsonArray("deployments")).hasSize(3);
    }

    @Test
    void the_spend_report_lists_teams_and_keys_highest_first_and_totals_the_teams() {
        Map<String, double[]> tallies = Map.of(
                "team:research", new double[] {0.25},
                "team:no team", new double[] {0.5},
                "key:batch", new double[] {0.7},
                "key:chat", new double[] {0.05});

        Alert report = ReportTexts.spend(tallies, PERIOD, Duration.ofDays(7));

        assertThat(report.message())
                .containsSubsequence(
                        "Total spend: `$0.750000`",
                        "`no team`: `$0.500000`",
                        "`research`: `$0.250000`",
                        "`batch`: `$0.700000`",
                        "`chat`: `$0.050000`");
        JsonObject fields = report.fields();
        assertThat(fields.getDouble("total_spend")).isCloseTo(0.75, within(1e-12));
        assertThat(fields.getJsonObject("keys").getDouble("batch")).isEqualTo(0.7);
    }

    @Test
    void a_period_without_calls_sends_no_report() {
        assertThat(ReportTexts.daily(Map.of(), Map.of(), PERIOD, Duration.ofHours(12)))
                .isNull();
        assertThat(ReportTexts.spend(Map.of(), PERIOD, Duration.ofDays(7))).isNull();
    }

    @Test
    void tallies_add_up_entry_by_entry() {
        assertThat(ReportTallies.sum(new double[] {1, 2, 0.5}, new double[] {3, 0, 0.25}))
                .containsExactly(4, 2, 0.75);
    }
}
