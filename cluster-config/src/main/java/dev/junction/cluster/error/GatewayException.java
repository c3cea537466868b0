package dev.junction.cluster.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The one exception type that crosses verticle boundaries. It carries its {@link ErrorKind}, a message safe
 * to show a client (never a secret), the offending request field if any, and an upstream {@code
 * Retry-After} when one was given.
 */
public final class GatewayException extends RuntimeException {
    private final ErrorKind kind;
    private final String param;
    private final Duration retryAfter;
    private final int upstreamStatus;

    private GatewayException(ErrorKind kind, String message, String param, Duration retryAfter, int upstreamStatus) {
        this(kind, message, param, retryAfter, upstreamStatus, null);
    }

    private GatewayException(
            ErrorKind kind, String message, String param, Duration retryAfter, int upstreamStatus, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.param = param;
        this.retryAfter = retryAfter;
        this.upstreamStatus = upstreamStatus;
    }

    public static GatewayException of(ErrorKind kind, String message) {
        return new GatewayException(kind, message, null, null, 0);
    }

    public static GatewayException badField(String field, String message) {
        return new GatewayException(ErrorKind.BAD_REQUEST, message, field, null, 0);
    }

    public static GatewayException upstream(ErrorKind kind, String message, int status, Duration retryAfter) {
        return new GatewayException(kind, message, null, retryAfter, status);
    }

    public GatewayException withParam(String field) {
        return new GatewayException(kind, getMessage(), field, retryAfter, upstreamStatus, getCause());
    }

    public GatewayException withRetryAfter(Duration delay) {
        return new GatewayException(kind, getMessage(), param, delay, upstreamStatus, getCause());
    }

    public GatewayException withMessage(String message) {
        return new GatewayException(kind, message, param, retryAfter, upstreamStatus, getCause());
    }

    public ErrorKind kind() {
        return kind;
    }

    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The upstream's HTTP status, or 0 when the failure did not come from an upstream answer. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /**
     * Wraps anything into a gateway error without leaking its internals to the client. The failure is kept as
     * the cause, for the one log line the gateway writes when it answers with it.
     */
    public static GatewayException from(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        return new GatewayException(
                ErrorKind.INTERNAL, "Internal error: " + failure.getClass().getSimpleName(), null, null, 0, failure);
    }
}
