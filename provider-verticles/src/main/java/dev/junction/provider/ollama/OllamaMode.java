package dev.junction.provider.ollama;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.provider.UnsupportedEndpoint;

/**
 * Which Ollama API serves a call, as LiteLLM chooses: {@code ollama_chat/} chat goes to {@code /api/chat};
 * {@code ollama/} chat goes to {@code /api/generate} with the conversation written into one prompt; legacy
 * completions go to {@code /api/generate} and embeddings to {@code /api/embed} for both prefixes.
 */
enum OllamaMode {
    CHAT("/api/chat"),
    CHAT_AS_PROMPT("/api/generate"),
    COMPLETION("/api/generate"),
    EMBED("/api/embed");

    private final String path;

    OllamaMode(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static OllamaMode of(ProviderCall call) {
        Endpoint endpoint = call.request().endpoint();
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> "ollama_chat"
                            .equals(call.deployment().provider().prefix())
                    ? CHAT
                    : CHAT_AS_PROMPT;
            case COMPLETIONS -> COMPLETION;
            case EMBEDDINGS -> EMBED;
            default -> throw UnsupportedEndpoint.of(OllamaAdapter.LABEL, "ollama", endpoint);
        };
    }

    /** {@code api_base} plus the path, unless the base already ends with it (LiteLLM accepts both). */
    String url(String apiBase) {
        return apiBase.endsWith(path) ? apiBase : apiBase + path;
    }
}
