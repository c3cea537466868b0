package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimpleShuffleTest {
    private static final int RUNS = 40_000;
    private static final PickContext CONTEXT = PickContext.of(0, false);

    private final SimpleShuffle shuffle = new SimpleShuffle(new Random(42));

    private Map<String, Double> shares(List<Deployment> candidates) {
        return Frequencies.of(shuffle, candidates, StatsView.EMPTY, CONTEXT, RUNS);
    }

    @Test
    void weights_split_traffic_in_proportion() {
        Map<String, Double> shares = shares(List.of(
                deployment("a", "g").param("weight", 1).build(),
                deployment("b", "g").param("weight", 2).build(),
                deployment("c", "g").param("weight", 7).build()));

        assertThat(shares.get("a")).isCloseTo(0.1, within(0.01));
        assertThat(shares.get("b")).isCloseTo(0.2, within(0.01));
        assertThat(shares.get("c")).isCloseTo(0.7, within(0.01));
    }

    @Test
    void a_deployment_missing_the_weight_gets_no_traffic_when_the_first_has_one() {
        Map<String, Double> shares = shares(List.of(
                deployment("a", "g").param("weight", 1).build(),
                deployment("b", "g").param("rpm", 100).build()));

        assertThat(shares).containsOnlyKeys("a");
    }

    @Test
    void without_weights_rpm_decides() {
        Map<String, Double> shares = shares(List.of(
                deployment("a", "g").param("rpm", 300).build(),
                deployment("b", "g").param("rpm", 100).build()));

        assertThat(shares.get("a")).isCloseTo(0.75, within(0.01));
    }

    @Test
    void without_weights_or_rpm_tpm_decides() {
        Map<String, Double> shares = shares(List.of(
                deployment("a", "g").param("tpm", 1000).build(),
                deployment("b", "g").param("tpm", 4000).build()));

        assertThat(shares.get("b")).isCloseTo(0.8, within(0.01));
    }

    @Test
    void only_the_first_deployment_decides_the_mode() {
        // The first has no weight, so weights elsewhere are ignored and the draw is uniform.
        Map<String, Double> shares = shares(List.of(
                openai("a", "g"), deployment("b", "g").param("weight", 9).build()));

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.01));
    }

    @Test
    void plain_deployments_share_uniformly() {
        Map<String, Double> shares =
                shares(List.of(openai("a", "g"), openai("b", "g"), openai("c", "g"), openai("d", "g")));

        assertThat(shares.values()).allSatisfy(share -> assertThat(share).isCloseTo(0.25, within(0.01)));
    }

    @Test
    void all_zero_weights_fall_back_to_uniform() {
        Map<String, Double> shares = shares(List.of(
                deployment("a", "g").param("weight", 0).build(),
                deployment("b", "g").param("weight", 0).build()));

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.01));
    }

    @Test
    void a_single_candidate_is_always_picked() {
        assertThat(shuffle.pick(List.of(openai("a", "g")), StatsView.EMPTY, CONTEXT))
                .get()
                .extracting(Deployment::id)
                .isEqualTo("a");
    }

    @Test
    void reads_no_usage_but_still_drops_deployments_over_their_rpm() {
        Deployment full = deployment("a", "g").param("rpm", 5).build();
        Deployment free = deployment("b", "g").param("rpm", 5).build();
        var stats = new dev.junction.router.FakeStats().requests("a", 5);

        assertThat(Frequencies.of(shuffle, List.of(full, free), stats, CONTEXT, 200))
                .containsOnlyKeys("b");
    }
}
