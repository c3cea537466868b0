package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonObject;

/** Anthropic's {@code usage} object in OpenAI terms, and back (see {@link Usage#fromAnthropic}). */
final class AnthropicUsage {
    private AnthropicUsage() {}

    static Usage from(JsonObject usage) {
        return Usage.fromAnthropic(usage);
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
