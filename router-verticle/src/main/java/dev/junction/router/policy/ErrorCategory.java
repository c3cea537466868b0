package dev.junction.router.policy;

import dev.junction.cluster.error.ErrorKind;
import java.util.List;

/**
 * The LiteLLM exception classes that {@code retry_policy} ({@code <Class>Retries}) and {@code
 * allowed_fails_policy} ({@code <Class>AllowedFails}) are keyed by, and which error kinds fall under each.
 *
 * <p>LiteLLM matches by exception subclass, so a content-policy violation is also a bad request and a
 * context-window error is only a bad request. {@code InternalServerError} keys are declared by LiteLLM but
 * never consulted; Junction honours them, for every 5xx answer (500, 502, 503), so a policy that sets them
 * is not silently ignored.
 */
public enum ErrorCategory {
    AUTHENTICATION("AuthenticationError"),
    TIMEOUT("TimeoutError"),
    RATE_LIMIT("RateLimitError"),
    CONTENT_POLICY_VIOLATION("ContentPolicyViolationError"),
    BAD_REQUEST("BadRequestError"),
    INTERNAL_SERVER("InternalServerError");

    private final String className;

    ErrorCategory(String className) {
        this.className = className;
    }

    public String retriesKey() {
        return className + "Retries";
    }

    public String allowedFailsKey() {
        return className + "AllowedFails";
    }

    /**
     * The categories an error kind belongs to, most specific first, which is also the order LiteLLM checks
     * policy keys in. Empty for kinds no policy key covers (404, 403, 422, connection errors, ...).
     */
    public static List<ErrorCategory> of(ErrorKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> List.of(AUTHENTICATION);
            case TIMEOUT -> List.of(TIMEOUT);
            case RATE_LIMITED -> List.of(RATE_LIMIT);
            case CONTENT_POLICY_VIOLATION -> List.of(CONTENT_POLICY_VIOLATION, BAD_REQUEST);
            case BAD_REQUEST, CONTEXT_WINDOW_EXCEEDED, INVALID_MODEL, PAYLOAD_TOO_LARGE -> List.of(BAD_REQUEST);
            case INTERNAL, BAD_GATEWAY, SERVICE_UNAVAILABLE -> List.of(INTERNAL_SERVER);
            default -> List.of();
        };
    }
}
