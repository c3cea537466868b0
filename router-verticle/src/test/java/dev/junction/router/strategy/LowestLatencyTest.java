package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.config.Deployment;
import dev.junction.router.FakeStats;
import dev.junction.router.stats.LatencySample;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LowestLatencyTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final PickContext CALL = new PickContext(0, false, NOW);
    private static final PickContext STREAM = new PickContext(0, true, NOW);

    private final List<Deployment> group = List.of(openai("a", "g"), openai("b", "g"), openai("c", "g"));

    private static LowestLatency strategy(LatencyOptions options) {
        return new LowestLatency(options, new Random(11));
    }

    private static LatencySample secondsAgo(long ago, double seconds) {
        return new LatencySample(NOW.minusSeconds(ago), seconds);
    }

    @Test
    void picks_the_lowest_average_latency() {
        FakeStats stats = new FakeStats()
                .latency("a", secondsAgo(5, 0.3), secondsAgo(4, 0.5))
                .latency("b", secondsAgo(5, 0.2), secondsAgo(4, 0.2))
                .latency("c", secondsAgo(5, 0.9));

        assertThat(strategy(LatencyOptions.defaults())
                        .pick(group, stats, CALL)
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void a_deployment_without_samples_is_preferred_so_it_gets_measured() {
        FakeStats stats = new FakeStats().latency("a", secondsAgo(5, 0.01)).latency("b", secondsAgo(5, 0.02));

        assertThat(strategy(LatencyOptions.defaults())
                        .pick(group, stats, CALL)
                        .orElseThrow()
                        .id())
                .isEqualTo("c");
    }

    @Test
    void the_buffer_shares_traffic_among_deployments_close_to_the_lowest() {
        FakeStats stats = new FakeStats()
                .latency("a", secondsAgo(1, 1.0))
                .latency("b", secondsAgo(1, 1.4))
                .latency("c", secondsAgo(1, 1.6));
        LatencyOptions halfBuffer = new LatencyOptions(Duration.ofHours(1), 0.5, 10);

        Map<String, Double> shares = Frequencies.of(strategy(halfBuffer), group, stats, CALL, 10_000);

        assertThat(shares).containsOnlyKeys("a", "b");
        assertThat(shares.get("a")).isCloseTo(0.5, within(0.02));
    }

    @Test
    void only_the_most_recent_samples_count() {
        // a was slow long ago and is fast now; LiteLLM would keep the oldest samples and avoid it.
        FakeStats stats = new FakeStats()
                .latency("a", secondsAgo(50, 9), secondsAgo(40, 9), secondsAgo(3, 0.1), secondsAgo(2, 0.1))
                .latency("b", secondsAgo(2, 0.5))
                .latency("c", secondsAgo(2, 0.5));
        LatencyOptions lastTwo = new LatencyOptions(Duration.ofHours(1), 0, 2);

        assertThat(strategy(lastTwo).pick(group, stats, CALL).orElseThrow().id())
                .isEqualTo("a");
    }

    @Test
    void samples_older_than_the_ttl_are_ignored() {
        FakeStats stats = new FakeStats()
                .latency("a", secondsAgo(120, 0.1))
                .latency("b", secondsAgo(10, 0.5))
                .latency("c", secondsAgo(10, 0.7));
        LatencyOptions oneMinute = new LatencyOptions(Duration.ofMinutes(1), 0, 10);

        // a's only sample has expired, so it counts as unmeasured (0) and is preferred.
        assertThat(strategy(oneMinute).averageLatency("a", stats, CALL)).isZero();
        assertThat(strategy(oneMinute).pick(group, stats, CALL).orElseThrow().id())
                .isEqualTo("a");
    }

    @Test
    void streams_compare_time_to_first_token_with_a_proper_mean() {
        FakeStats stats = new FakeStats()
                .latency("a", secondsAgo(5, 0.1), secondsAgo(4, 0.1), secondsAgo(3, 0.1), secondsAgo(2, 0.1))
                .timeToFirstToken("a", secondsAgo(5, 0.8))
                .latency("b", secondsAgo(5, 0.5))
                .timeToFirstToken("b", secondsAgo(5, 0.3))
                .latency("c", secondsAgo(5, 2.0))
                .timeToFirstToken("c", secondsAgo(5, 0.6));
        LowestLatency strategy = strategy(LatencyOptions.defaults());

        assertThat(strategy.averageLatency("a", stats, STREAM)).isEqualTo(0.8);
        assertThat(strategy.pick(group, stats, STREAM).orElseThrow().id()).isEqualTo("b");
        assertThat(strategy.pick(group, stats, CALL).orElseThrow().id()).isEqualTo("a");
    }

    @Test
    void streams_use_whole_call_latency_when_no_first_token_times_are_known() {
        FakeStats stats = new FakeStats().latency("a", secondsAgo(5, 0.4));

        assertThat(strategy(LatencyOptions.defaults()).averageLatency("a", stats, STREAM))
                .isEqualTo(0.4);
    }

    @Test
    void the_fastest_deployment_is_skipped_when_over_its_limits() {
        Deployment fast = deployment("a", "g").param("rpm", 1).build();
        FakeStats stats = new FakeStats()
                .requests("a", 1)
                .latency("a", secondsAgo(1, 0.1))
                .latency("b", secondsAgo(1, 0.5));

        assertThat(strategy(LatencyOptions.defaults())
                        .pick(List.of(fast, openai("b", "g")), stats, CALL)
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void options_default_as_litellm_and_read_routing_strategy_args() {
        assertThat(LatencyOptions.from(null)).isEqualTo(LatencyOptions.defaults());
        assertThat(LatencyOptions.defaults()).isEqualTo(new LatencyOptions(Duration.ofSeconds(3600), 0, 10));

        LatencyOptions custom = LatencyOptions.from(new JsonObject()
                .put("ttl", 60)
                .put("lowest_latency_buffer", 0.25)
                .put("max_latency_list_size", "5"));

        assertThat(custom).isEqualTo(new LatencyOptions(Duration.ofSeconds(60), 0.25, 5));
    }
}
