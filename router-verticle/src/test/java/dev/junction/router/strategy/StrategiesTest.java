package dev.junction.router.strategy;

import static dev.junction.router.TestDeployments.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrategiesTest {

    @Test
    void simple_shuffle_is_the_default() {
        assertThat(Strategies.fromSettings(RouterSettings.defaults())).isInstanceOf(SimpleShuffle.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "simple-shuffle",
                "least-busy",
                "usage-based-routing",
                "usage-based-routing-v2",
                "latency-based-routing",
                "cost-based-routing"
            })
    void every_litellm_strategy_name_builds_the_strategy_of_that_name(String name) {
        RoutingStrategy strategy = Strategies.fromSettings(
                settings(new JsonObject().put("routing_strategy", name)), PriceLookup.NONE, new Random(1));

        assertThat(strategy.name()).isEqualTo(name);
    }

    @Test
    void latency_routing_reads_its_routing_strategy_args() {
        JsonObject merged = new JsonObject()
                .put("routing_strategy", "latency-based-routing")
                .put("routing_strategy_args", new JsonObject().put("lowest_latency_buffer", 0.5));

        RoutingStrategy strategy = Strategies.fromSettings(settings(merged));

        assertThat(strategy).isInstanceOf(LowestLatency.class);
    }
}
