package dev.junction.provider.gemini;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonObject;

/**
 * Gemini's {@code usageMetadata} in OpenAI terms. Thinking tokens ({@code thoughtsTokenCount}) are billed as
 * output but not counted in {@code candidatesTokenCount}, so they are added to the completion, as LiteLLM adds
 * them; cached prompt tokens are also reported as {@code prompt_tokens_details.cached_tokens}.
 */
final class GeminiUsage {
    private GeminiUsage() {}

    static Usage from(JsonObject metadata) {
        if (metadata == null) {
            return Usage.NONE;
        }
        long prompt = count(metadata, "promptTokenCount");
        long completion = count(metadata, "candidatesTokenCount") + count(metadata, "thoughtsTokenCount");
        long total = metadata.getValue("totalTokenCount") instanceof Number number
                ? number.longValue()
                : prompt + completion;
        return new Usage(prompt, completion, Math.max(total, prompt + completion));
    }

    static JsonObject toOpenAi(JsonObject metadata) {
        JsonObject usage = from(metadata).toOpenAi();
        long thoughts = metadata == null ? 0 : count(metadata, "thoughtsTokenCount");
        if (thoughts > 0) {
            usage.put("completion_tokens_details", new JsonObject().put("reasoning_tokens", thoughts));
        }
        long cached = metadata == null ? 0 : count(metadata, "cachedContentTokenCount");
        if (cached > 0) {
            usage.put("prompt_tokens_details", new JsonObject().put("cached_tokens", cached));
        }
        return usage;
    }

    private static long count(JsonObject metadata, String field) {
        return metadata.getValue(field) instanceof Number number ? number.longValue() : 0L;
    }
}
