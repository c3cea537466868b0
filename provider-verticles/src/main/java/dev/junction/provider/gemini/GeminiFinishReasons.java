package dev.junction.provider.gemini;

import java.util.Set;

/** Gemini's {@code finishReason} as OpenAI's {@code finish_reason}, for whole and streamed answers alike. */
final class GeminiFinishReasons {
    /** Reasons that mean a filter stopped the answer (LiteLLM's flagged finish reasons). */
    static final Set<String> FLAGGED =
            Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE");

    private GeminiFinishReasons() {}

    /**
     * The finish reason, or null while the candidate has none. A stop with function calls is {@code tool_calls},
     * as OpenAI reports it; unknown reasons read as a normal stop.
     */
    static String of(String finishReason, boolean toolCalls) {
        if (finishReason == null || finishReason.isEmpty()) {
            return null;
        }
        if (FLAGGED.contains(finishReason)) {
            return "content_filter";
        }
        if ("MAX_TOKENS".equals(finishReason)) {
            return "length";
        }
        return toolCalls ? "tool_calls" : "stop";
    }
}
