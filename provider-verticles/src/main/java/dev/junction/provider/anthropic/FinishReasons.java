package dev.junction.provider.anthropic;

/** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}, for whole and streamed answers alike. */
final class FinishReasons {
    private FinishReasons() {}

    /** The finish reason, or null while the answer has none yet. Unknown reasons read as a normal stop. */
    static String fromStopReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn and reasons added later
        };
    }
}
