package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * {@code cost-based-routing}: the cheapest candidate by input + output price per token, ties at random. Each
 * price is looked up on its own, as LiteLLM does: the deployment's {@code litellm_params}, then its {@code
 * model_info}, then the price table, then 5.0 USD. That fallback is absurdly high on purpose, so a
 * deployment of unknown price is only used when nothing priced is available.
 */
public final class LowestCost implements RoutingStrategy {
    public static final String NAME = "cost-based-routing";
    public static final double UNKNOWN_PRICE_PER_TOKEN = 5.0;

    private final PriceLookup prices;
    private final Random random;

    public LowestCost(PriceLookup prices, Random random) {
        this.prices = prices;
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context) {
        return Choices.lowest(candidates, this::costPerToken, random);
    }

    /** Input plus output price of one token on the deployment. */
    double costPerToken(Deployment deployment) {
        Optional<TokenPrices> listed = prices.prices(deployment);
        double input = price(deployment, "input_cost_per_token")
                .orElseGet(() -> listed.map(TokenPrices::inputPerToken).orElse(UNKNOWN_PRICE_PER_TOKEN));
        double output = price(deployment, "output_cost_per_token")
                .orElseGet(() -> listed.map(TokenPrices::outputPerToken).orElse(UNKNOWN_PRICE_PER_TOKEN));
        return input + output;
    }

    private static Optional<Double> price(Deployment deployment, String key) {
        return number(deployment.litellmParams(), key).or(() -> number(deployment.modelInfo(), key));
    }

    private static Optional<Double> number(JsonObject source, String key) {
        Object value = source.getValue(key);
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Double.parseDouble(text.trim()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
