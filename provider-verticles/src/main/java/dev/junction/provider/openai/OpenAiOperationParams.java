package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderCall;
import java.util.Optional;
import java.util.Set;

/**
 * What OpenAI-format providers accept of the OpenAI parameters LiteLLM checks outside chat. LiteLLM sends an
 * OpenAI-compatible server every parameter, except where it knows the model: OpenAI's embedding models before
 * {@code text-embedding-3} take no {@code dimensions}; OpenAI's image models each take their own list
 * ({@code dall-e-2}, {@code dall-e-3}, {@code gpt-image-*}); Groq's transcriptions take no {@code
 * timestamp_granularities}.
 */
final class OpenAiOperationParams {
    private static final Set<String> EMBEDDING_BEFORE_V3 = Set.of("user", "encoding_format");
    private static final Set<String> DALL_E_2 = Set.of("n", "response_format", "quality", "size", "user");
    private static final Set<String> DALL_E_3 = Set.of("n", "response_format", "quality", "size", "style", "user");
    private static final Set<String> GPT_IMAGE = Set.of("n", "quality", "size", "user");
    private static final Set<String> GROQ_TRANSCRIPTION =
            Set.of("prompt", "response_format", "temperature", "language");

    private OpenAiOperationParams() {}

    static Optional<Set<String>> supported(ProviderCall call) {
        String provider = call.deployment().provider().prefix();
        String model = call.deployment().upstreamModel();
        return switch (call.request().endpoint()) {
            case EMBEDDINGS -> "openai".equals(provider) && !model.contains("text-embedding-3")
                    ? Optional.of(EMBEDDING_BEFORE_V3)
                    : Optional.empty();
            case IMAGE_GENERATIONS -> "openai".equals(provider) ? image(model) : Optional.empty();
            case AUDIO_TRANSCRIPTIONS -> "groq".equals(provider) ? Optional.of(GROQ_TRANSCRIPTION) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** LiteLLM's choice of image config by model; any other model is an OpenAI-compatible one, sent every field. */
    private static Optional<Set<String>> image(String model) {
        if (model.isEmpty() || model.startsWith("dall-e-2")) {
            return Optional.of(DALL_E_2);
        }
        if (model.startsWith("dall-e-3")) {
            return Optional.of(DALL_E_3);
        }
        return model.startsWith("gpt-image") ? Optional.of(GPT_IMAGE) : Optional.empty();
    }
}
