package dev.junction.router.limit;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Deployment;
import dev.junction.router.FakeStats;
import dev.junction.router.stats.StatsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitFilterTest {

    @Test
    void a_deployment_without_limits_always_fits() {
        Deployment free = openai("a", "g");

        assertThat(LimitFilter.fits(
                        free, new FakeStats().requests("a", 1_000_000).tokens("a", 1_000_000), 50))
                .isTrue();
    }

    @Test
    void rpm_admits_the_request_that_reaches_the_limit_and_refuses_the_next() {
        Deployment limited = deployment("a", "g").param("rpm", 10).build();

        assertThat(LimitFilter.fits(limited, new FakeStats().requests("a", 9), 0))
                .isTrue();
        assertThat(LimitFilter.fits(limited, new FakeStats().requests("a", 10), 0))
                .isFalse();
    }

    @Test
    void tpm_counts_the_input_estimate_of_the_request_being_routed() {
        Deployment limited = deployment("a", "g").param("tpm", 1000).build();

        assertThat(LimitFilter.fits(limited, new FakeStats().tokens("a", 900), 100))
                .isTrue();
        assertThat(LimitFilter.fits(limited, new FakeStats().tokens("a", 900), 101))
                .isFalse();
    }

    @Test
    void model_info_limits_apply_when_litellm_params_have_none() {
        Deployment limited =
                deployment("a", "g").info("rpm", 1).info("tpm", "500").build();

        assertThat(DeploymentLimits.of(limited).rpm()).hasValue(1);
        assertThat(DeploymentLimits.of(limited).tpm()).hasValue(500);
        assertThat(LimitFilter.fits(limited, new FakeStats().requests("a", 1), 0))
                .isFalse();
    }

    @Test
    void litellm_params_limits_win_over_model_info() {
        Deployment limited =
                deployment("a", "g").param("rpm", 100).info("rpm", 1).build();

        assertThat(DeploymentLimits.of(limited).rpm()).hasValue(100);
    }

    @Test
    void filtering_keeps_the_order_of_the_deployments_that_fit() {
        Deployment a = deployment("a", "g").param("rpm", 1).build();
        Deployment b = openai("b", "g");
        Deployment c = deployment("c", "g").param("rpm", 5).build();
        StatsView stats = new FakeStats().requests("a", 1).requests("c", 4);

        assertThat(LimitFilter.withinLimits(List.of(a, b, c), stats, 0)).containsExactly(b, c);
    }

    @Test
    void the_window_is_the_fixed_utc_minute() {
        Instant now = Instant.parse("2025-03-01T13:07:42.250Z");

        assertThat(MinuteWindow.start(now)).isEqualTo(Instant.parse("2025-03-01T13:07:00Z"));
        assertThat(MinuteWindow.key(now)).isEqualTo("13-07");
        assertThat(LimitFilter.untilNextWindow(now)).isEqualTo(Duration.ofMillis(17_750));
    }

    @Test
    void at_the_first_instant_of_a_minute_a_full_minute_remains() {
        assertThat(MinuteWindow.untilNextWindow(Instant.parse("2025-03-01T00:00:00Z")))
                .isEqualTo(Duration.ofMinutes(1));
    }
}
