package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonObject;

/** Converse's {@code stopReason} and {@code usage} in OpenAI terms, for whole and streamed answers alike. */
final class ConverseOutput {
    private ConverseOutput() {}

    /** The finish reason, or null while there is none. Unknown reasons read as a normal stop. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "guardrail_intervened", "content_filtered" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence and reasons added later
        };
    }

    /** Cache reads and writes are part of the prompt, as LiteLLM counts (and bills) them. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        long prompt = count(usage, "inputTokens")
                + count(usage, "cacheReadInputTokens")
                + count(usage, "cacheWriteInputTokens");
        long completion = count(usage, "outputTokens");
        return new Usage(prompt, completion, prompt + completion);
    }

    static JsonObject openAiUsage(JsonObject usage) {
        JsonObject openAi = usage(usage).toOpenAi();
        long cached = usage == null ? 0 : count(usage, "cacheReadInputTokens");
        if (cached > 0) {
            openAi.put("prompt_tokens_details", new JsonObject().put("cached_tokens", cached));
        }
        return openAi;
    }

    private static long count(JsonObject usage, String field) {
        return usage.getValue(field) instanceof Number number ? number.longValue() : 0L;
    }
}
