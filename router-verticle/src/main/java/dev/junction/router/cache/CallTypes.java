package dev.junction.router.cache;

import dev.junction.cluster.bus.LlmRequest;

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

    /** The call type of a request. */
    static String of(LlmRequest request) {
        return switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> CHAT;
            case COMPLETIONS -> TEXT_COMPLETION;
            case EMBEDDINGS -> EMBEDDING;
        };
    }
}
