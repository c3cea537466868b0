package dev.junction.provider.anthropic;

import java.util.Set;

/**
 * The OpenAI chat parameters the Anthropic translation carries (LiteLLM's {@code
 * AnthropicConfig.get_supported_openai_params}, less {@code response_format}, {@code reasoning_effort} and
 * {@code web_search_options}, which Junction does not translate): any other is refused or, with {@code
 * drop_params}, dropped. Vertex AI's Claude models use the same translation and the same list.
 */
public final class AnthropicParams {
    public static final Set<String> SUPPORTED = Set.of(
            "stop",
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "thinking");

    private AnthropicParams() {}
}
