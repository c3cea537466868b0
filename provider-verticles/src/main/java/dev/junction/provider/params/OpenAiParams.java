package dev.junction.provider.params;

import dev.junction.cluster.bus.Endpoint;
import java.util.List;

/**
 * The OpenAI parameters whose support depends on the provider: the ones LiteLLM checks against a provider's
 * {@code get_supported_openai_params} before a call, per operation. Any other field (a provider's own, such as
 * {@code top_k} or {@code safety_settings}) is not checked. In chat calls {@code user}, {@code stream}, {@code
 * stream_options}, {@code max_retries} and {@code n: 1} never are, as in LiteLLM, since clients send them by
 * default. Speech, moderations and rerank have none: LiteLLM sends OpenAI-format providers their fields as
 * they are.
 */
public final class OpenAiParams {
    public static final List<String> CHECKED = List.of(
            "functions",
            "function_call",
            "temperature",
            "top_p",
            "n",
            "stop",
            "max_tokens",
            "max_completion_tokens",
            "modalities",
            "prediction",
            "audio",
            "presence_penalty",
            "frequency_penalty",
            "logit_bias",
            "response_format",
            "seed",
            "tools",
            "tool_choice",
            "logprobs",
            "top_logprobs",
            "parallel_tool_calls",
            "reasoning_effort",
            "verbosity",
            "thinking",
            "web_search_options",
            "service_tier",
            "safety_identifier");

    /**
     * LiteLLM's {@code OPENAI_EMBEDDING_PARAMS} but {@code encoding_format}, which the OpenAI SDKs send by default
     * (LiteLLM refusing it from Vertex AI and Gemini deployments is its issue 33173): never checked.
     */
    public static final List<String> EMBEDDING = List.of("user", "dimensions");

    /** What most translations of an embedding carry: {@code dimensions}, under the provider's own name. */
    public static final java.util.Set<String> DIMENSIONS_ONLY = java.util.Set.of("dimensions");

    /** The image generation call's optional parameters LiteLLM checks ({@code get_optional_params_image_gen}). */
    public static final List<String> IMAGE_GENERATION =
            List.of("n", "quality", "response_format", "size", "style", "user");

    /** LiteLLM's {@code OPENAI_TRANSCRIPTION_PARAMS}, the transcription call's optional parameters. */
    public static final List<String> TRANSCRIPTION =
            List.of("language", "prompt", "response_format", "temperature", "timestamp_granularities");

    private OpenAiParams() {}

    /** The parameters checked for {@code endpoint}; empty for an operation LiteLLM does not check. */
    static List<String> checked(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS, COMPLETIONS -> CHECKED;
            case EMBEDDINGS -> EMBEDDING;
            case IMAGE_GENERATIONS -> IMAGE_GENERATION;
            case AUDIO_TRANSCRIPTIONS -> TRANSCRIPTION;
            default -> List.of();
        };
    }

    /**
     * Whether {@code value} under {@code name} asks the provider for something in a call to {@code endpoint}
     * (a chat's {@code n: 1} asks nothing).
     */
    static boolean isChecked(Endpoint endpoint, String name, Object value) {
        if (value == null || !checked(endpoint).contains(name)) {
            return false;
        }
        return !(endpoint.isTextGeneration() && "n".equals(name) && value instanceof Number n && n.doubleValue() == 1);
    }
}
