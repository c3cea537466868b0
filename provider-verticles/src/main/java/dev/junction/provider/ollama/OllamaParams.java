package dev.junction.provider.ollama;

import java.util.HashSet;
import java.util.Set;

/**
 * The OpenAI parameters the native Ollama translation carries ({@link OllamaOptions}): LiteLLM's {@code
 * OllamaConfig} and {@code OllamaChatConfig} lists. {@code tools} only reach {@code /api/chat} ({@code
 * ollama_chat/}); {@code /api/generate} ({@code ollama/}) has no tools, and LiteLLM's emulation of them in
 * the prompt is not done.
 */
final class OllamaParams {
    private static final Set<String> OPTIONS = Set.of(
            "temperature",
            "top_p",
            "seed",
            "frequency_penalty",
            "presence_penalty",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "response_format",
            "reasoning_effort");

    private OllamaParams() {}

    static Set<String> supported(OllamaMode mode) {
        if (mode != OllamaMode.CHAT) {
            return OPTIONS;
        }
        Set<String> chat = new HashSet<>(OPTIONS);
        chat.add("tools");
        return Set.copyOf(chat);
    }
}
