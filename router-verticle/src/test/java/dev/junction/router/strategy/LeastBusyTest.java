package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.config.Deployment;
import dev.junction.router.FakeStats;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastBusyTest {
    private final LeastBusy strategy = new LeastBusy(new Random(7));
    private final List<Deployment> group = List.of(openai("a", "g"), openai("b", "g"), openai("c", "g"));

    @Test
    void picks_the_deployment_with_fewest_calls_in_flight() {
        FakeStats stats = new FakeStats().inFlight("a", 3).inFlight("b", 1).inFlight("c", 2);

        assertThat(strategy.pick(group, stats, PickContext.of(0, false))
                        .orElseThrow()
                        .id())
                .isEqualTo("b");
    }

    @Test
    void deployments_never_seen_count_as_idle() {
        FakeStats stats = new FakeStats().inFlight("a", 1).inFlight("b", 1);

        assertThat(strategy.pick(group, stats, PickContext.of(0, false))
                        .orElseThrow()
                        .id())
                .isEqualTo("c");
    }

    @Test
    void ties_are_broken_at_random() {
        FakeStats stats = new FakeStats().inFlight("a", 2).inFlight("b", 0).inFlight("c", 0);

        Map<String, Double> shares = Frequencies.of(strategy, group, stats, PickContext.of(0, false), 10_000);

        assertThat(shares).containsOnlyKeys("b", "c");
        assertThat(shares.get("b")).isCloseTo(0.5, within(0.02));
    }
}
