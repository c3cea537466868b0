package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonObject;

/**
 * Anthropic's {@code usage} object in OpenAI terms. Anthropic counts the prompt in three parts: {@code
 * input_tokens} excludes what was written to or read from the prompt cache, so all three are summed to get
 * the prompt size OpenAI's {@code prompt_tokens} reports (and LiteLLM bills).
 */
final class AnthropicUsage {
    private AnthropicUsage() {}

    static Usage from(JsonObject usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        long prompt = count(usage, "input_tokens")
                + count(usage, "cache_creation_input_tokens")
                + count(usage, "cache_read_input_tokens");
        long completion = count(usage, "output_tokens");
        return new Usage(prompt, completion, prompt + completion);
    }

    /** OpenAI's usage object; cache reads are also reported as {@code prompt_tokens_details.cached_tokens}. */
    static JsonObject toOpenAi(JsonObject usage) {
        JsonObject openAi = from(usage).toOpenAi();
        long cached = usage == null ? 0 : count(usage, "cache_read_input_tokens");
        if (cached > 0) {
            openAi.put("prompt_tokens_details", new JsonObject().put("cached_tokens", cached));
        }
        return openAi;
    }

    /**
     * The reverse of {@link #toOpenAi}: OpenAI's usage as Anthropic counts it, the cached part of the prompt
     * apart from the rest.
     */
    static JsonObject fromOpenAi(JsonObject usage) {
        JsonObject counts = usage == null ? new JsonObject() : usage;
        long cached = counts.getValue("prompt_tokens_details") instanceof JsonObject details
                ? count(details, "cached_tokens")
                : 0;
        return new JsonObject()
                .put("input_tokens", Math.max(0, count(counts, "prompt_tokens") - cached))
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cached)
                .put("output_tokens", count(counts, "completion_tokens"));
    }

    private static long count(JsonObject usage, String field) {
        return usage.getValue(field) instanceof Number number ? number.longValue() : 0L;
    }
}
