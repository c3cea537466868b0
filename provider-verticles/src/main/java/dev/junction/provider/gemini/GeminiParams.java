package dev.junction.provider.gemini;

import java.util.Set;

/**
 * The OpenAI chat parameters the Gemini translation carries ({@link GeminiGenerationConfig}, {@link
 * GeminiTools}), for Google AI Studio and Vertex AI alike. {@code parallel_tool_calls} is accepted and not
 * sent, as LiteLLM does (Gemini has no such switch). LiteLLM's {@code VertexGeminiConfig} also maps {@code
 * modalities}, {@code audio} and {@code web_search_options}, which Junction does not translate.
 */
public final class GeminiParams {
    public static final Set<String> SUPPORTED = Set.of(
            "temperature",
            "top_p",
            "n",
            "presence_penalty",
            "frequency_penalty",
            "seed",
            "logprobs",
            "top_logprobs",
            "stop",
            "max_tokens",
            "max_completion_tokens",
            "response_format",
            "reasoning_effort",
            "tools",
            "tool_choice",
            "parallel_tool_calls");

    private GeminiParams() {}
}
