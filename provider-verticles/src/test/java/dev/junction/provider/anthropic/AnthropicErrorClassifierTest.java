package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorClassifierTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);

    @Test
    void a_prompt_that_is_too_long_is_a_context_window_error() {
        GatewayException error = classify(400, "error-400-prompt-too-long.json");

        assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(error.getMessage())
                .isEqualTo("litellm.ContextWindowExceededError: AnthropicException - "
                        + "prompt is too long: 208283 tokens > 200000 maximum");
        assertThat(error.upstreamStatus()).isEqualTo(400);
    }

    @Test
    void input_plus_max_tokens_over_the_limit_is_a_context_window_error_too() {
        assertThat(classify(400, "error-400-context-limit.json").kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    }

    @Test
    void output_blocked_by_the_content_filter_is_a_content_policy_violation() {
        GatewayException error = classify(400, "error-400-content-filter.json");

        assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
        assertThat(error.getMessage()).startsWith("litellm.ContentPolicyViolationError: AnthropicException - ");
    }

    @Test
    void an_invalid_key_is_an_authentication_error() {
        GatewayException error = classify(401, "error-401.json");

        assertThat(error.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(error.getMessage()).isEqualTo("litellm.AuthenticationError: AnthropicException - invalid x-api-key");
    }

    @Test
    void a_rate_limit_carries_the_retry_after_seconds() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "17");

        GatewayException error = adapter.classify(429, headers, buffer("error-429.json"));

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(error.getMessage())
                .startsWith("litellm.RateLimitError: AnthropicException - This request would exceed");
    }

    @Test
    void a_retry_after_given_as_an_http_date_counts_from_now() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("retry-after", "Wed, 01 Jan 2025 00:01:30 GMT");

        GatewayException error = adapter.classify(429, headers, buffer("error-429.json"));

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void an_unreadable_retry_after_is_ignored_and_a_past_date_means_now() {
        assertThat(RetryAfter.parse(retryAfter("soon"), CLOCK)).isNull();
        assertThat(RetryAfter.parse(retryAfter("Tue, 31 Dec 2024 23:59:00 GMT"), CLOCK))
                .isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(retryAfter("1.5"), CLOCK)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void overloaded_529_counts_like_a_503() {
        GatewayException error = classify(529, "error-529.json");

        assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        assertThat(error.kind().countsAgainstBreaker()).isTrue();
        assertThat(error.upstreamStatus()).isEqualTo(529);
        assertThat(error.getMessage()).isEqualTo("litellm.ServiceUnavailableError: AnthropicException - Overloaded");
    }

    @ParameterizedTest
    @CsvSource({
        "403, permission_error, Your API key does not have permission to use the specified resource., PERMISSION_DENIED",
        "404, not_found_error, model: claude-3-opus-2024, NOT_FOUND",
        "413, request_too_large, Request exceeds the maximum allowed number of bytes., BAD_REQUEST",
        "500, api_error, Internal server error, INTERNAL",
        "400, invalid_request_error, max_tokens: Field required, BAD_REQUEST",
    })
    void other_errors_follow_their_status(int status, String type, String message, ErrorKind kind) {
        JsonObject body = new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message));

        GatewayException error = adapter.classify(status, MultiMap.caseInsensitiveMultiMap(), body.toBuffer());

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.getMessage()).endsWith("AnthropicException - " + message);
    }

    @Test
    void a_body_that_is_not_json_is_classified_by_its_status() {
        Buffer html = Buffer.buffer("<html><body><h1>502 Bad Gateway</h1></body></html>");

        GatewayException error = adapter.classify(502, MultiMap.caseInsensitiveMultiMap(), html);

        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(error.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void an_error_object_of_an_unexpected_shape_is_classified_by_its_status() {
        Buffer odd = Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":42,\"message\":{\"text\":\"nested\"}}}");

        GatewayException error = adapter.classify(429, MultiMap.caseInsensitiveMultiMap(), odd);

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.getMessage()).startsWith("litellm.RateLimitError: AnthropicException - ");
    }

    @Test
    void an_empty_body_names_the_status() {
        GatewayException error = adapter.classify(503, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());

        assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("litellm.ServiceUnavailableError: AnthropicException - HTTP 503");
    }

    @Test
    void an_echoed_api_key_never_reaches_the_message() {
        Buffer body = Buffer.buffer("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"key sk-ant-api03-AbC_123-xyz is disabled\"}}");

        GatewayException error = adapter.classify(401, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(error.getMessage()).doesNotContain("AbC_123").contains("sk-ant-****");
    }

    @ParameterizedTest
    @CsvSource({
        "overloaded_error, SERVICE_UNAVAILABLE",
        "rate_limit_error, RATE_LIMITED",
        "api_error, INTERNAL",
        "invalid_request_error, BAD_REQUEST",
    })
    void a_stream_error_event_is_classified_by_its_type(String type, ErrorKind kind) {
        JsonObject event = new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", "boom"));

        assertThat(new AnthropicErrorClassifier(CLOCK).fromErrorEvent(event).kind())
                .isEqualTo(kind);
    }

    private GatewayException classify(int status, String fixture) {
        return adapter.classify(status, MultiMap.caseInsensitiveMultiMap(), buffer(fixture));
    }

    private static io.vertx.core.MultiMap retryAfter(String value) {
        return io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("retry-after", value);
    }
}
