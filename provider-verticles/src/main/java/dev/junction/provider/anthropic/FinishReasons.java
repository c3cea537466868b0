package dev.junction.provider.anthropic;

/**
 * Anthropic's {@code stop_reason} and OpenAI's {@code finish_reason}, both ways, for whole and streamed
 * answers alike: one table, read forwards for Anthropic deployments and backwards for the Messages API surface.
 */
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

    /** The stop reason of an OpenAI finish reason, or null while the answer has none yet. */
    static String toStopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
