package dev.junction.provider.openai;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Classifies error answers of OpenAI-format servers (OpenAI, Azure OpenAI, vLLM, Groq, ...). Context-window
 * and content-policy errors arrive as plain 400s, so they are recognised from the body's code or message.
 */
public final class OpenAiErrorClassifier {
    private static final int MAX_MESSAGE = 1000;
    private static final List<String> CONTEXT_WINDOW_MARKERS = List.of(
            "maximum context length",
            "context_length_exceeded",
            "context length",
            "context window",
            "prompt is too long",
            "input tokens exceed",
            "too many tokens",
            "string too long",
            // Text Generation Inference (Hugging Face): "`inputs` tokens + `max_new_tokens` must be <= 4096"
            "tokens + `max_new_tokens`");
    private static final List<String> CONTENT_POLICY_MARKERS =
            List.of("content_policy_violation", "content_filter", "content management policy", "safety system");

    private final String providerLabel;

    /** @param providerLabel how messages name the upstream, e.g. {@code OpenAIException} */
    public OpenAiErrorClassifier(String providerLabel) {
        this.providerLabel = providerLabel;
    }

    /** How messages name the upstream, e.g. {@code OpenAIException}. */
    public String label() {
        return providerLabel;
    }

    public GatewayException classify(int status, MultiMap headers, Buffer body) {
        return build(status, errorObject(body), body, RetryAfter.parse(headers));
    }

    /**
     * An error an upstream sent inside a stream, {@code {"error": {"message", "type", "code"}}}, after its
     * 200: the status is the error's own {@code code} when that is an HTTP status, else a 500.
     */
    public GatewayException fromStreamError(JsonObject event) {
        Buffer body = event.toBuffer();
        JsonObject error = errorObject(body);
        return build(httpStatus(error == null ? null : error.getValue("code")), error, body, null);
    }

    private GatewayException build(int status, JsonObject error, Buffer body, Duration retryAfter) {
        String upstreamMessage = error == null ? truncate(body.toString()) : messageOf(error, body);
        String code = error == null ? "" : String.valueOf(error.getValue("code", ""));
        ErrorKind kind = kindOf(status, code, upstreamMessage);
        String message = kind.describe(providerLabel + " - " + upstreamMessage);
        return GatewayException.upstream(kind, message, status, retryAfter);
    }

    private static int httpStatus(Object code) {
        try {
            int status = code instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(code));
            return status >= 400 && status <= 599 ? status : 500;
        } catch (NumberFormatException notAStatus) {
            return 500;
        }
    }

    private static ErrorKind kindOf(int status, String code, String message) {
        if (status == 400 || status == 413 || status == 422) {
            String haystack = (code + " " + message).toLowerCase(Locale.ROOT);
            if (CONTENT_POLICY_MARKERS.stream().anyMatch(haystack::contains)) {
                return ErrorKind.CONTENT_POLICY_VIOLATION;
            }
            if (CONTEXT_WINDOW_MARKERS.stream().anyMatch(haystack::contains)) {
                return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
            }
        }
        return ErrorKind.forUpstreamStatus(status);
    }

    private static JsonObject errorObject(Buffer body) {
        try {
            Object parsed = body.length() == 0 ? null : body.toJsonValue();
            if (parsed instanceof JsonObject json) {
                Object error = json.getValue("error");
                if (error instanceof String text) {
                    // Text Generation Inference, Ollama and others: {"error": "...", "error_type": "..."}
                    return new JsonObject().put("message", text).put("code", json.getValue("error_type"));
                }
                return error instanceof JsonObject nested ? nested : json;
            }
        } catch (DecodeException notJson) {
            // some servers answer errors in plain text or HTML
        }
        return null;
    }

    private static String messageOf(JsonObject error, Buffer body) {
        Object message = error.getValue("message");
        if (message == null) {
            message = error.getValue("detail");
        }
        return message == null ? truncate(body.toString()) : truncate(String.valueOf(message));
    }

    private static String truncate(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= MAX_MESSAGE ? trimmed : trimmed.substring(0, MAX_MESSAGE) + "...";
    }
}
