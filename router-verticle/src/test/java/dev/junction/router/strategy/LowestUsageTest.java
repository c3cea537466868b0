package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junction.config.Deployment;
import dev.junction.router.FakeStats;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LowestUsageTest {
    private final LowestUsage strategy = new LowestUsage(LowestUsage.NAME_V2, new Random(3));

    @Test
    void picks_the_deployment_with_the_fewest_tokens_this_minute() {
        List<Deployment> group = List.of(openai("a", "g"), openai("b", "g"), openai("c", "g"));
        FakeStats stats = new FakeStats().tokens("a", 500).tokens("b", 100).tokens("c", 300);

        assertThat(strategy.pick(group, stats, PickContext.of(10, false))
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void skips_the_lowest_when_the_request_would_exceed_its_tpm() {
        Deployment small = deployment("a", "g").param("tpm", 1000).build();
        Deployment big = deployment("b", "g").param("tpm", 100_000).build();
        FakeStats stats = new FakeStats().tokens("a", 800).tokens("b", 5000);

        assertThat(strategy.pick(List.of(small, big), stats, PickContext.of(300, false))
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void skips_a_deployment_at_its_rpm() {
        Deployment capped = deployment("a", "g").param("rpm", 2).build();
        FakeStats stats = new FakeStats().requests("a", 2).tokens("b", 9999);

        assertThat(strategy.pick(List.of(capped, openai("b", "g")), stats, PickContext.of(0, false))
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void nothing_is_picked_when_every_deployment_is_over_its_limits() {
        Deployment a = deployment("a", "g").param("rpm", 1).build();
        Deployment b = deployment("b", "g").param("tpm", 10).build();
        FakeStats stats = new FakeStats().requests("a", 1).tokens("b", 10);

        assertThat(strategy.pick(List.of(a, b), stats, PickContext.of(1, false)))
                .isEmpty();
    }

    @Test
    void ties_are_broken_at_random() {
        List<Deployment> group = List.of(openai("a", "g"), openai("b", "g"));

        Map<String, Double> shares = Frequencies.of(strategy, group, new FakeStats(), PickContext.of(0, false), 10_000);

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.02));
    }

    @Test
    void answers_to_both_usage_strategy_names_only() {
        assertThat(new LowestUsage(LowestUsage.NAME, new Random()).name()).isEqualTo("usage-based-routing");
        assertThatThrownBy(() -> new LowestUsage("least-busy", new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
