package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import java.util.Optional;

/**
 * A model price table (LiteLLM's {@code model_cost}), consulted by cost-based routing for a deployment
 * without its own {@code input_cost_per_token}/{@code output_cost_per_token}.
 */
@FunctionalInterface
public interface PriceLookup {
    /** A table that knows no model. */
    PriceLookup NONE = deployment -> Optional.empty();

    /** The list prices of the deployment's model, when the table knows it. */
    Optional<TokenPrices> prices(Deployment deployment);
}
