package dev.junction.router.model;

/**
 * What one call cost, in USD.
 *
 * @param promptCost prompt tokens times the input price
 * @param completionCost completion tokens times the output price
 * @param priced false when neither price is known; both costs are then 0, as LiteLLM counts unpriced models
 */
public record Cost(double promptCost, double completionCost, boolean priced) {
    public static final Cost UNPRICED = new Cost(0, 0, false);

    public double total() {
        return promptCost + completionCost;
    }
}
