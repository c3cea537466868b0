package dev.junction.router.model;

import static dev.junction.router.model.DeploymentFields.number;
import static dev.junction.router.model.DeploymentFields.wholeNumber;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A deployment's limits and prices: its own {@code model_info} (and, for prices, {@code litellm_params})
 * values over the table entry of its base model or model, field by field, as LiteLLM merges user model info
 * over its cost map.
 *
 * @param tableKey the table entry the values not set on the deployment came from, if one matched
 * @param maxInputTokens the context window for the prompt
 * @param maxOutputTokens the most tokens the model may generate
 * @param maxTokens LiteLLM's legacy {@code max_tokens}
 * @param inputCostPerToken USD per prompt token
 * @param outputCostPerToken USD per completion token
 */
public record ModelLimits(
        Optional<String> tableKey,
        OptionalLong maxInputTokens,
        OptionalLong maxOutputTokens,
        OptionalLong maxTokens,
        OptionalDouble inputCostPerToken,
        OptionalDouble outputCostPerToken) {

    /** The merged limits, or empty when neither the table nor the deployment knows anything. */
    static Optional<ModelLimits> merge(Deployment deployment, Optional<ModelEntry> entry) {
        JsonObject info = deployment.modelInfo();
        JsonObject params = deployment.litellmParams();
        ModelLimits limits = new ModelLimits(
                entry.map(ModelEntry::key),
                orElse(wholeNumber(info, "max_input_tokens"), entry, ModelEntry::maxInputTokens),
                orElse(wholeNumber(info, "max_output_tokens"), entry, ModelEntry::maxOutputTokens),
                orElse(wholeNumber(info, "max_tokens"), entry, ModelEntry::maxTokens),
                price(params, info, "input_cost_per_token", entry, ModelEntry::inputCostPerToken),
                price(params, info, "output_cost_per_token", entry, ModelEntry::outputCostPerToken));
        return limits.isEmpty() ? Optional.empty() : Optional.of(limits);
    }

    /** The output limit: {@code max_output_tokens}, else the legacy {@code max_tokens}. */
    public OptionalLong outputLimit() {
        return maxOutputTokens.isPresent() ? maxOutputTokens : maxTokens;
    }

    /**
     * Input plus output price per token, what cost-based routing sorts by. A missing price counts as 0, as in
     * LiteLLM's model info; empty when neither is known (LiteLLM's cost routing then assumes 5.0 for each).
     */
    public OptionalDouble costPerToken() {
        if (inputCostPerToken.isEmpty() && outputCostPerToken.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(inputCostPerToken.orElse(0) + outputCostPerToken.orElse(0));
    }

    public Cost costOf(long promptTokens, long completionTokens) {
        if (inputCostPerToken.isEmpty() && outputCostPerToken.isEmpty()) {
            return Cost.UNPRICED;
        }
        return new Cost(
                promptTokens * inputCostPerToken.orElse(0), completionTokens * outputCostPerToken.orElse(0), true);
    }

    private boolean isEmpty() {
        return tableKey.isEmpty()
                && maxInputTokens.isEmpty()
                && maxOutputTokens.isEmpty()
                && maxTokens.isEmpty()
                && inputCostPerToken.isEmpty()
                && outputCostPerToken.isEmpty();
    }

    private static OptionalLong orElse(
            OptionalLong own, Optional<ModelEntry> entry, Function<ModelEntry, OptionalLong> field) {
        return own.isPresent() ? own : entry.map(field).orElse(OptionalLong.empty());
    }

    // litellm_params prices win over model_info ones: LiteLLM copies them into model_info at start-up.
    private static OptionalDouble price(
            JsonObject params,
            JsonObject info,
            String key,
            Optional<ModelEntry> entry,
            Function<ModelEntry, OptionalDouble> field) {
        OptionalDouble own = number(params, key);
        if (own.isEmpty()) {
            own = number(info, key);
        }
        return own.isPresent() ? own : entry.map(field).orElse(OptionalDouble.empty());
    }
}
