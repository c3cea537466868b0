package dev.junction.provider.anthropic;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Anthropic's errors, {@code {"type":"error","error":{"type":...,"message":...}}}, as gateway errors.
 *
 * <p>The status decides the kind, except where the body says more: a 400 about the prompt's length is a
 * context-window error and a 400 from the content filter a content-policy one (the router falls back
 * differently on each), and 529 {@code overloaded_error}, Anthropic's own status, counts as a 503.
 */
final class AnthropicErrorClassifier {
    private static final List<String> CONTEXT_WINDOW = List.of(
            "prompt is too long",
            "exceed context limit",
            "exceeds the context window",
            "maximum context length",
            "too many tokens");
    private static final List<String> CONTENT_POLICY =
            List.of("content filtering policy", "content policy", "usage policy", "safety filter");
    /** Anthropic keys look like sk-ant-api03-...; an echo of one must not reach a client or a log. */
    private static final Pattern API_KEY = Pattern.compile("sk-ant-[A-Za-z0-9_\\-]+");

    private static final int OVERLOADED = 529;
    private static final int MAX_RAW_BODY = 300;

    private final Clock clock;

    AnthropicErrorClassifier(Clock clock) {
        this.clock = clock;
    }

    /** A non-2xx answer. A body that is not Anthropic's error JSON is classified by its status alone. */
    GatewayException classify(int status, MultiMap headers, Buffer body) {
        JsonObject error = errorObject(body);
        String message = error != null ? text(error, "message") : null;
        if (message == null || message.isEmpty()) {
            message = rawText(body);
        }
        String type = error != null ? text(error, "type") : null;
        Duration retryAfter = RetryAfter.parse(headers, clock);
        return build(status, type, message.isEmpty() ? "HTTP " + status : message, retryAfter);
    }

    /** An {@code error} event of a stream (or an error body sent with a 200), whose status says nothing. */
    GatewayException fromErrorEvent(JsonObject event) {
        JsonObject error = event.getValue("error") instanceof JsonObject object ? object : new JsonObject();
        String type = text(error, "type");
        String message = text(error, "message");
        return build(statusOf(type), type, message != null ? message : String.valueOf(type), null);
    }

    private static GatewayException build(int status, String type, String message, Duration retryAfter) {
        ErrorKind kind = kindOf(status, type, message);
        String safe = API_KEY.matcher(message).replaceAll("sk-ant-****");
        return GatewayException.upstream(kind, LitellmErrorNames.message(kind, safe), status, retryAfter);
    }

    static ErrorKind kindOf(int status, String type, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 400 && CONTEXT_WINDOW.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
        }
        if (status == 400 && CONTENT_POLICY.stream().anyMatch(lower::contains)) {
            return ErrorKind.CONTENT_POLICY_VIOLATION;
        }
        if (status == OVERLOADED || "overloaded_error".equals(type)) {
            return ErrorKind.SERVICE_UNAVAILABLE;
        }
        return ErrorKind.forUpstreamStatus(status);
    }

    /** The HTTP status Anthropic documents for each error type, for errors that arrive without one. */
    static int statusOf(String type) {
        return switch (type == null ? "" : type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> OVERLOADED;
            default -> 500; // api_error, and anything unknown
        };
    }

    /** The error type Anthropic would give a status, for errors told in its shape (the Messages API surface). */
    static String typeOf(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, OVERLOADED -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    private static JsonObject errorObject(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return body.toJsonObject().getValue("error") instanceof JsonObject error ? error : null;
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }

    /** A string field, or null: an error body is read defensively, whatever its shape. */
    private static String text(JsonObject object, String field) {
        return object.getValue(field) instanceof String value ? value : null;
    }

    /** A non-JSON body (an HTML page from a proxy, say), shortened: it is for a human to read. */
    private static String rawText(Buffer body) {
        String text = body == null ? "" : body.toString().strip();
        return text.length() <= MAX_RAW_BODY ? text : text.substring(0, MAX_RAW_BODY) + "...";
    }
}
