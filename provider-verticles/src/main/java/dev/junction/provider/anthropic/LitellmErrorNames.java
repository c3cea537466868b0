package dev.junction.provider.anthropic;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;

/**
 * The LiteLLM exception class a client would have seen for each kind of error. LiteLLM starts every error
 * message with it ({@code litellm.RateLimitError: ...}), and clients match on that text.
 */
final class LitellmErrorNames {
    private LitellmErrorNames() {}

    /** The message a client sees: {@code litellm.<Class>: AnthropicException - <upstream message>}. */
    static String message(ErrorKind kind, String upstreamMessage) {
        return "litellm." + className(kind) + ": AnthropicException - " + upstreamMessage;
    }

    /** An error Junction raises itself about an Anthropic call, worded like the upstream ones. */
    static GatewayException error(ErrorKind kind, String text) {
        return GatewayException.of(kind, message(kind, text));
    }

    static String className(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST, INVALID_MODEL, PAYLOAD_TOO_LARGE -> "BadRequestError";
            case CONTEXT_WINDOW_EXCEEDED -> "ContextWindowExceededError";
            case CONTENT_POLICY_VIOLATION -> "ContentPolicyViolationError";
            case AUTHENTICATION -> "AuthenticationError";
            case PERMISSION_DENIED -> "PermissionDeniedError";
            case NOT_FOUND -> "NotFoundError";
            case TIMEOUT -> "Timeout";
            case UNPROCESSABLE -> "UnprocessableEntityError";
            case RATE_LIMITED, NO_DEPLOYMENTS_AVAILABLE -> "RateLimitError";
            case INTERNAL -> "InternalServerError";
            case CONNECTION -> "APIConnectionError";
            case BAD_GATEWAY -> "BadGatewayError";
            case SERVICE_UNAVAILABLE, CIRCUIT_OPEN -> "ServiceUnavailableError";
        };
    }
}
