package dev.junction.router.cache;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.Surface;
import java.util.Locale;

/**
 * LiteLLM's names for the calls Junction serves, as {@code cache_params.supported_call_types} lists them (each
 * also has an {@code a}-prefixed name for its async form, which the cache treats the same).
 */
final class CallTypes {
    static final String CHAT = "completion";
    static final String TEXT_COMPLETION = "text_completion";
    static final String EMBEDDING = "embedding";
    static final String RESPONSES = "responses";
    static final String ANTHROPIC_MESSAGES = "anthropic_messages";

    private CallTypes() {}

    /**
     * The call type of a request. A request that came on the Messages or Responses API is answered in that API's
     * format (by a provider that speaks it natively, or translated back): it is not cached as a chat call. Those
     * and the operations without a cache key here have call types the cache does not know.
     */
    static String of(LlmRequest request) {
        if (request.surface() != null) {
            return request.surface().surface() == Surface.RESPONSES ? RESPONSES : ANTHROPIC_MESSAGES;
        }
        return switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> CHAT;
            case COMPLETIONS -> TEXT_COMPLETION;
            case EMBEDDINGS -> EMBEDDING;
            case AUDIO_TRANSCRIPTIONS -> "transcription";
            case RERANK -> "rerank";
            default -> request.endpoint().name().toLowerCase(Locale.ROOT);
        };
    }
}
