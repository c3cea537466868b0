package dev.junction.provider.sagemaker;

import java.util.Set;

/**
 * The OpenAI chat parameters the TGI translation of {@code sagemaker/} carries ({@link TgiRequests}), as
 * LiteLLM's {@code SagemakerConfig} lists them; {@code sagemaker_chat/} endpoints take OpenAI's format and
 * are sent every parameter.
 */
final class TgiParams {
    static final Set<String> SUPPORTED =
            Set.of("temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "n");

    private TgiParams() {}
}
