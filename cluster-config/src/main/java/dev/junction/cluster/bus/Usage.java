package dev.junction.cluster.bus;

import io.vertx.core.json.JsonObject;

/** Token usage as the provider reported it, in OpenAI terms. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public static Usage fromOpenAi(JsonObject usage) {
        if (usage == null) {
            return NONE;
        }
        long prompt = usage.getLong("prompt_tokens", 0L);
        long completion = usage.getLong("completion_tokens", 0L);
        return new Usage(prompt, completion, usage.getLong("total_tokens", prompt + completion));
    }

    /**
     * Anthropic's {@code usage} object. Anthropic counts the prompt in three parts: {@code input_tokens} excludes
     * what was written to or read from the prompt cache, so all three are summed to get the prompt size OpenAI's
     * {@code prompt_tokens} reports (and LiteLLM bills).
     */
    public static Usage fromAnthropic(JsonObject usage) {
        if (usage == null) {
            return NONE;
        }
        long prompt = count(usage, "input_tokens")
                + count(usage, "cache_creation_input_tokens")
                + count(usage, "cache_read_input_tokens");
        long completion = count(usage, "output_tokens");
        return new Usage(prompt, completion, prompt + completion);
    }

    /** The Responses API's {@code usage} ({@code input_tokens}, {@code output_tokens}, {@code total_tokens}). */
    public static Usage fromResponses(Object usage) {
        if (!(usage instanceof JsonObject counts)) {
            return NONE;
        }
        long input = count(counts, "input_tokens");
        long output = count(counts, "output_tokens");
        long total = counts.getValue("total_tokens") instanceof Number number ? number.longValue() : input + output;
        return new Usage(input, output, total);
    }

    private static long count(JsonObject usage, String field) {
        return usage.getValue(field) instanceof Number number ? number.longValue() : 0L;
    }

    public JsonObject toOpenAi() {
        return new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens);
    }
}
