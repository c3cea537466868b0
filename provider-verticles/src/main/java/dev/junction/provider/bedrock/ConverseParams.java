package dev.junction.provider.bedrock;

import java.util.Set;

/**
 * The OpenAI chat parameters the Converse translation carries (LiteLLM's {@code
 * AmazonConverseConfig.get_supported_openai_params}, less {@code reasoning_effort}, which Junction does not
 * translate into a thinking budget). {@code response_format}
 * is listed so that its own, clearer refusal ({@link ConverseRequestTranslator}) is the one a client sees.
 */
final class ConverseParams {
    static final Set<String> SUPPORTED = Set.of(
            "stop",
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "tools",
            "tool_choice",
            "response_format",
            "thinking");

    private ConverseParams() {}
}
