package dev.junction.provider.cohere;

import java.util.Set;

/**
 * The OpenAI chat parameters the Cohere v2 translation carries ({@link CohereRequests}): LiteLLM's {@code
 * CohereV2ChatConfig} list, plus {@code logprobs} and {@code thinking}, which Cohere's v2 API takes under
 * the same names.
 */
final class CohereParams {
    static final Set<String> SUPPORTED = Set.of(
            "temperature",
            "top_p",
            "seed",
            "frequency_penalty",
            "presence_penalty",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "tools",
            "tool_choice",
            "response_format",
            "logprobs",
            "thinking");

    private CohereParams() {}
}
