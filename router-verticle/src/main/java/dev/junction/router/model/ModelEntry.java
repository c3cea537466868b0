package dev.junction.router.model;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One row of the shipped model table, as LiteLLM's {@code model_prices_and_context_window.json} gives it.
 *
 * @param key the table key, e.g. {@code gpt-4o} or {@code azure/gpt-4-1106-preview}
 * @param maxInputTokens the context window for the prompt
 * @param maxOutputTokens the most tokens the model may generate
 * @param maxTokens LiteLLM's legacy field: the output limit when the provider states one, else the input limit
 * @param inputCostPerToken USD per prompt token
 * @param outputCostPerToken USD per completion token
 * @param litellmProvider LiteLLM's provider name, or null
 * @param mode {@code chat}, {@code embedding}, {@code completion}, ..., or null
 * @param media the prices of images, audio and rerank queries
 */
public record ModelEntry(
        String key,
        OptionalLong maxInputTokens,
        OptionalLong maxOutputTokens,
        OptionalLong maxTokens,
        OptionalDouble inputCostPerToken,
        OptionalDouble outputCostPerToken,
        String litellmProvider,
        String mode,
        MediaPrices media) {

    /** An entry priced per token only. */
    public ModelEntry(
            String key,
            OptionalLong maxInputTokens,
            OptionalLong maxOutputTokens,
            OptionalLong maxTokens,
            OptionalDouble inputCostPerToken,
            OptionalDouble outputCostPerToken,
            String litellmProvider,
            String mode) {
        this(
                key,
                maxInputTokens,
                maxOutputTokens,
                maxTokens,
                inputCostPerToken,
                outputCostPerToken,
                litellmProvider,
                mode,
                MediaPrices.NONE);
    }

    public ModelEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxInputTokens, "maxInputTokens");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(inputCostPerToken, "inputCostPerToken");
        Objects.requireNonNull(outputCostPerToken, "outputCostPerToken");
        media = media == null ? MediaPrices.NONE : media;
    }
}
