package dev.junction.provider.params;

import java.util.List;

/**
 * The OpenAI chat parameters whose support depends on the provider: the ones LiteLLM checks against a
 * provider's {@code get_supported_openai_params} before a call. Any other field (a provider's own, such as
 * {@code top_k} or {@code safety_settings}) is not checked; {@code user}, {@code stream}, {@code
 * stream_options}, {@code max_retries} and {@code n: 1} never are, as in LiteLLM, since clients send them by
 * default.
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

    private OpenAiParams() {}

    /** Whether {@code value} under {@code name} asks the provider for something ({@code n: 1} asks nothing). */
    static boolean isChecked(String name, Object value) {
        if (value == null || !CHECKED.contains(name)) {
            return false;
        }
        return !("n".equals(name) && value instanceof Number n && n.doubleValue() == 1);
    }
}
