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

    public JsonObject toOpenAi() {
        return new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens);
    }
}
