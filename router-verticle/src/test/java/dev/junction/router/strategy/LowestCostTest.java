package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.config.Deployment;
import dev.junction.router.FakeStats;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LowestCostTest {
    private static final PickContext CONTEXT = PickContext.of(0, false);

    private static final PriceLookup TABLE = deployment -> switch (deployment.upstreamModel()) {
        case "gpt-4o" -> Optional.of(new TokenPrices(2.5e-6, 10e-6));
        case "gpt-4o-mini" -> Optional.of(new TokenPrices(0.15e-6, 0.6e-6));
        default -> Optional.empty();
    };

    private final LowestCost strategy = new LowestCost(TABLE, new Random(5));

    @Test
    void picks_the_cheapest_by_input_plus_output_price() {
        Deployment big = deployment("big", "g").model("openai/gpt-4o").build();
        Deployment mini = deployment("mini", "g").model("openai/gpt-4o-mini").build();

        assertThat(strategy.pick(List.of(big, mini), StatsView.EMPTY, CONTEXT)
                        .orElseThrow()
                        .id())
                .isEqualTo("mini");
    }

    @Test
    void configured_prices_override_the_table_field_by_field() {
        Deployment discounted = deployment("d", "g")
                .model("openai/gpt-4o")
                .param("input_cost_per_token", 0.0)
                .build();
        Deployment fromInfo = deployment("i", "g")
                .model("openai/unknown")
                .info("input_cost_per_token", 1e-6)
                .info("output_cost_per_token", 1e-6)
                .build();

        assertThat(strategy.costPerToken(discounted)).isCloseTo(10e-6, within(1e-12));
        assertThat(strategy.costPerToken(fromInfo)).isCloseTo(2e-6, within(1e-12));
    }

    @Test
    void an_unpriced_model_costs_five_per_token_each_way() {
        assertThat(strategy.costPerToken(
                        deployment("x", "g").model("openai/mystery").build()))
                .isEqualTo(10.0);
    }

    @Test
    void an_unpriced_deployment_is_used_only_when_nothing_priced_fits() {
        Deployment priced =
                deployment("p", "g").model("openai/gpt-4o").param("rpm", 1).build();
        Deployment unpriced = deployment("u", "g").model("openai/mystery").build();

        assertThat(strategy.pick(List.of(unpriced, priced), StatsView.EMPTY, CONTEXT)
                        .orElseThrow()
                        .id())
                .isEqualTo("p");
        assertThat(strategy.pick(List.of(unpriced, priced), new FakeStats().requests("p", 1), CONTEXT)
                        .orElseThrow()
                        .id())
                .isEqualTo("u");
    }

    @Test
    void equal_prices_are_broken_at_random() {
        Map<String, Double> shares = Frequencies.of(
                strategy, List.of(openai("a", "gpt-4o"), openai("b", "gpt-4o")), StatsView.EMPTY, CONTEXT, 10_000);

        assertThat(shares.get("a")).isCloseTo(0.5, within(0.02));
    }
}
