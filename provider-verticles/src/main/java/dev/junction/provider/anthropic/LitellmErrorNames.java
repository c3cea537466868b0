package dev.junction.provider.anthropic;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;

/** Anthropic error messages, worded as LiteLLM words them ({@link ErrorKind#describe}). */
final class LitellmErrorNames {
    private LitellmErrorNames() {}

    /** The message a client sees: {@code litellm.<Class>: AnthropicException - <upstream message>}. */
    static String message(ErrorKind kind, String upstreamMessage) {
        return kind.describe("AnthropicException - " + upstreamMessage);
    }

    /** An error Junction raises itself about an Anthropic call, worded like the upstream ones. */
    static GatewayException error(ErrorKind kind, String text) {
        return GatewayException.of(kind, message(kind, text));
    }
}
