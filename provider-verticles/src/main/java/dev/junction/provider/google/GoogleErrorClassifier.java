package dev.junction.provider.google;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Google API errors, {@code {"error": {"code", "message", "status", "details"}}} (Gemini and Vertex AI alike),
 * as gateway errors. The HTTP status decides the kind except where the message says more: an invalid API key
 * (Google answers 400) is an authentication error, a 400 about the prompt's token count a context-window
 * error (the router falls back on it), a blocked prompt a content-policy error. A 429's {@code RetryInfo}
 * detail stands in for a missing {@code Retry-After}.
 */
public final class GoogleErrorClassifier {
    private static final List<String> CONTEXT_WINDOW = List.of(
            "exceeds the maximum number of tokens",
            "input token count",
            "token count exceeds",
            "maximum context length",
            "context window",
            "too many tokens",
            "request payload size exceeds");
    private static final List<String> CONTENT_POLICY =
            List.of("was blocked", "blocked by safety", "prohibited_content", "content policy");
    private static final List<String> BAD_KEY = List.of("api key not valid", "api_key_invalid", "api key expired");
    private static final int MAX_RAW_BODY = 300;

    private final String label;
    private final Clock clock;

    /** @param label how messages name the upstream, e.g. {@code GeminiException} */
    public GoogleErrorClassifier(String label, Clock clock) {
        this.label = label;
        this.clock = clock;
    }

    /** A non-2xx answer; a body that is not Google's error JSON is classified by its status alone. */
    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        JsonObject error = errorObject(body);
        String message = error != null && error.getValue("message") instanceof String text ? text : rawText(body);
        Duration retryAfter = RetryAfter.parse(headers, clock);
        if (retryAfter == null && error != null) {
            retryAfter = retryDelay(error);
        }
        return build(status, message.isEmpty() ? "HTTP " + status : message, retryAfter);
    }

    /** An error object a stream (or a 200 body) carried instead of an answer; its status is in the object. */
    public GatewayException fromErrorObject(JsonObject error) {
        String message = error.getValue("message") instanceof String text ? text : String.valueOf(error);
        return build(statusOf(error), message, retryDelay(error));
    }

    /** The answer was withheld by Google's safety filters: a content-policy error, as LiteLLM raises it. */
    public GatewayException contentPolicy(String message) {
        ErrorKind kind = ErrorKind.CONTENT_POLICY_VIOLATION;
        return GatewayException.upstream(kind, kind.describe(label + " - " + message), 400, null);
    }

    /** An answer Junction cannot read (not JSON, or not a Gemini response). */
    public GatewayException unreadable(String what) {
        return GatewayException.of(ErrorKind.BAD_GATEWAY, ErrorKind.BAD_GATEWAY.describe(label + " - " + what));
    }

    private GatewayException build(int status, String message, Duration retryAfter) {
        ErrorKind kind = kindOf(status, message);
        return GatewayException.upstream(kind, kind.describe(label + " - " + message), status, retryAfter);
    }

    static ErrorKind kindOf(int status, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if ((status == 400 || status == 401 || status == 403)
                && BAD_KEY.stream().anyMatch(lower::contains)) {
            return ErrorKind.AUTHENTICATION;
        }
        if (status == 400 && CONTEXT_WINDOW.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        }
        if (status == 400 && CONTENT_POLICY.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTENT_POLICY_VIOLATION;
        }
        return ErrorKind.forUpstreamStatus(status);
    }

    /** The HTTP status of an error object: its {@code code}, else what its canonical {@code status} means. */
    static int statusOf(JsonObject error) {
        if (error.getValue("code") instanceof Number code && code.intValue() >= 400) {
            return code.intValue();
        }
        return switch (error.getValue("status") instanceof String status ? status : "") {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }

    /** {@code details[].retryDelay} of a {@code google.rpc.RetryInfo}, e.g. {@code "17s"}, or null. */
    static Duration retryDelay(JsonObject error) {
        if (!(error.getValue("details") instanceof JsonArray details)) {
            return null;
        }
        for (Object detail : details) {
            if (detail instanceof JsonObject fields && fields.getValue("retryDelay") instanceof String delay) {
                try {
                    return Duration.ofMillis(
                            (long) (Double.parseDouble(delay.replace("s", "").strip()) * 1000));
                } catch (NumberFormatException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The error object of a body; Vertex wraps some errors in a one-element array. */
    private static JsonObject errorObject(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            Object parsed = body.toJsonValue();
            if (parsed instanceof JsonArray array && !array.isEmpty()) {
                parsed = array.getValue(0);
            }
            return parsed instanceof JsonObject json && json.getValue("error") instanceof JsonObject error
                    ? error
                    : null;
        } catch (DecodeException notJson) {
            return null;
        }
    }

    private static String rawText(Buffer body) {
        String text = body == null ? "" : body.toString().strip();
        return text.length() <= MAX_RAW_BODY ? text : text.substring(0, MAX_RAW_BODY) + "...";
    }
}
