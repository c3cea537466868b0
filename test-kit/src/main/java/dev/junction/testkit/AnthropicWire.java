package dev.junction.testkit;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Anthropic's Messages API wire format: bodies, named SSE events and errors. Every Anthropic error is
 * {@code {"type": "error", "error": {"type", "message"}, "request_id"}} with the HTTP status carrying the
 * kind.
 */
public final class AnthropicWire {
    public static final String MESSAGES_PATH = "/v1/messages";
    public static final String PROMPT_TOO_LONG_MESSAGE = "prompt is too long: 210000 tokens > 200000 maximum";
    public static final String REQUEST_ID = "req_011CV5J4YZo4J3KLTDZgDN7S";

    private AnthropicWire() {}

    /** A message from {@code model}, e.g. {@code claude-3-5-sonnet-20241022}. */
    public static AnthropicMessage message(String model) {
        return new AnthropicMessage(model);
    }

    public static JsonObject errorBody(String type, String message) {
        return new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message))
                .put("request_id", REQUEST_ID);
    }

    /** An error answer with the {@code request-id} header Anthropic puts on every response. */
    public static Answer error(int status, String type, String message) {
        return Answer.json(status, errorBody(type, message)).header("request-id", REQUEST_ID);
    }

    public static Answer promptTooLong() {
        return error(400, "invalid_request_error", PROMPT_TOO_LONG_MESSAGE);
    }

    public static Answer authenticationError() {
        return error(401, "authentication_error", "invalid x-api-key");
    }

    public static Answer rateLimited() {
        return error(
                429,
                "rate_limit_error",
                "This request would exceed the rate limit for your organization of 50,000 input tokens per "
                        + "minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.");
    }

    /** 429 with {@code retry-after} in whole seconds (rounded up). */
    public static Answer rateLimited(Duration retryAfter) {
        return rateLimited().header("retry-after", Long.toString(OpenAiWire.ceilSeconds(retryAfter)));
    }

    public static Answer apiError() {
        return error(500, "api_error", "Internal server error");
    }

    /** 529, Anthropic's own status for "everyone is overloaded": retryable, and not the caller's fault. */
    public static Answer overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }

    /** The {@code error} event Anthropic sends when a stream fails after it started. */
    public static String streamError(String type, String message) {
        JsonObject body = new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message));
        return Sse.event("error", body);
    }
}
