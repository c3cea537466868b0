package dev.junction.provider.openai;

import static dev.junction.provider.WireFixtures.AZURE_KEY;
import static dev.junction.provider.WireFixtures.OPENAI_KEY;
import static dev.junction.provider.WireFixtures.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.azure.AzureAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorClassifierTest {
    private final OpenAiAdapter openAi = new OpenAiAdapter();
    private final AzureAdapter azure = new AzureAdapter();

    @ParameterizedTest
    @CsvSource({
        "401, openai/error-401-invalid-api-key.json, AUTHENTICATION, AuthenticationError",
        "404, openai/error-404-model-not-found.json, NOT_FOUND, NotFoundError",
        "429, openai/error-429-rate-limit-exceeded.json, RATE_LIMITED, RateLimitError",
        "500, openai/error-500.json, INTERNAL, InternalServerError",
        "503, openai/error-503.json, SERVICE_UNAVAILABLE, ServiceUnavailableError",
        "400, openai/error-400-context-length-exceeded.json, CONTEXT_WINDOW_EXCEEDED, ContextWindowExceededError",
        "400, openai/error-400-content-policy-violation.json, CONTENT_POLICY_VIOLATION, ContentPolicyViolationError",
    })
    void each_recorded_openai_error_gets_its_kind_and_litellm_prefix(
            int status, String fixture, ErrorKind kind, String litellmClass) {
        Buffer body = buffer(fixture);

        GatewayException failure = openAi.classify(status, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.upstreamStatus()).isEqualTo(status);
        String upstreamMessage = body.toJsonObject().getJsonObject("error").getString("message");
        assertThat(failure.getMessage())
                .isEqualTo("litellm." + litellmClass + ": OpenAIException - " + upstreamMessage);
    }

    @ParameterizedTest
    @CsvSource({
        "400, azure/error-400-content-filter.json, CONTENT_POLICY_VIOLATION, ContentPolicyViolationError",
        "400, azure/error-400-context-length-exceeded.json, CONTEXT_WINDOW_EXCEEDED, ContextWindowExceededError",
        "401, azure/error-401.json, AUTHENTICATION, AuthenticationError",
        "429, azure/error-429.json, RATE_LIMITED, RateLimitError",
    })
    void each_recorded_azure_error_gets_its_kind_and_the_azure_label(
            int status, String fixture, ErrorKind kind, String litellmClass) {
        Buffer body = buffer(fixture);

        GatewayException failure = azure.classify(status, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(failure.kind()).isEqualTo(kind);
        String upstreamMessage = body.toJsonObject().getJsonObject("error").getString("message");
        assertThat(failure.getMessage()).isEqualTo("litellm." + litellmClass + ": AzureException - " + upstreamMessage);
    }

    @Test
    void azures_content_filter_is_recognised_by_its_code_alone() {
        Buffer body = Buffer.buffer("{\"error\":{\"message\":\"Blocked.\",\"type\":null,\"param\":\"prompt\","
                + "\"code\":\"content_filter\",\"status\":400,"
                + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}");

        assertThat(azure.classify(400, MultiMap.caseInsensitiveMultiMap(), body).kind())
                .isEqualTo(ErrorKind.CONTENT_POLICY_VIOLATION);
    }

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST",
        "403, PERMISSION_DENIED",
        "404, NOT_FOUND",
        "408, TIMEOUT",
        "409, CONFLICT",
        "422, UNPROCESSABLE",
        "429, RATE_LIMITED",
        "500, INTERNAL",
        "502, BAD_GATEWAY",
        "503, SERVICE_UNAVAILABLE",
        "504, TIMEOUT",
        "529, INTERNAL",
    })
    void a_plain_error_is_classified_by_its_status(int status, ErrorKind kind) {
        Buffer body = Buffer.buffer(
                "{\"error\":{\"message\":\"Something went wrong.\",\"type\":\"x\",\"param\":null,\"code\":null}}");

        GatewayException failure = openAi.classify(status, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.getMessage()).endsWith("OpenAIException - Something went wrong.");
    }

    @Test
    void a_context_length_message_without_its_code_is_recognised() {
        // vLLM and other OpenAI-compatible servers send the wording but no code.
        Buffer body = Buffer.buffer("{\"object\":\"error\",\"message\":\"This model's maximum context length is "
                + "4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\",\"code\":400}");

        assertThat(openAi.classify(400, MultiMap.caseInsensitiveMultiMap(), body)
                        .kind())
                .isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    }

    @Test
    void a_context_length_wording_on_a_5xx_stays_a_server_error() {
        Buffer body = Buffer.buffer("{\"error\":{\"message\":\"context length cache failed\"}}");

        assertThat(openAi.classify(500, MultiMap.caseInsensitiveMultiMap(), body)
                        .kind())
                .isEqualTo(ErrorKind.INTERNAL);
    }

    @Test
    void an_html_502_page_is_classified_by_status_without_crashing() {
        Buffer page = buffer("openai/error-502.html");

        GatewayException failure = openAi.classify(502, MultiMap.caseInsensitiveMultiMap(), page);

        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(failure.getMessage()).startsWith("litellm.BadGatewayError: OpenAIException - ");
        assertThat(failure.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void an_empty_error_body_is_classified_by_status() {
        GatewayException failure = openAi.classify(503, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());

        assertThat(failure.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        assertThat(failure.getMessage()).startsWith("litellm.ServiceUnavailableError: OpenAIException - ");
    }

    @Test
    void an_error_given_as_a_plain_string_keeps_that_string_as_message() {
        Buffer body = Buffer.buffer("{\"error\":\"Invalid model name passed in model=gpt-9\"}");

        GatewayException failure = openAi.classify(404, MultiMap.caseInsensitiveMultiMap(), body);

        assertThat(failure.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failure.getMessage())
                .isEqualTo("litellm.NotFoundError: OpenAIException - Invalid model name passed in model=gpt-9");
    }

    @Test
    void a_fastapi_detail_body_keeps_the_detail_as_message() {
        Buffer body = Buffer.buffer("{\"detail\":\"Not authenticated\"}");

        assertThat(openAi.classify(401, MultiMap.caseInsensitiveMultiMap(), body)
                        .getMessage())
                .isEqualTo("litellm.AuthenticationError: OpenAIException - Not authenticated");
    }

    @Test
    void a_huge_error_body_is_cut_short() {
        Buffer body = Buffer.buffer("x".repeat(50_000));

        assertThat(openAi.classify(500, MultiMap.caseInsensitiveMultiMap(), body)
                        .getMessage())
                .hasSizeLessThan(1100);
    }

    @Test
    void retry_after_in_seconds_is_carried() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("retry-after", "20");

        GatewayException failure = openAi.classify(429, headers, buffer("openai/error-429-rate-limit-exceeded.json"));

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void retry_after_ms_wins_over_retry_after() {
        MultiMap headers =
                MultiMap.caseInsensitiveMultiMap().add("Retry-After", "1").add("retry-after-ms", "276");

        GatewayException failure = openAi.classify(429, headers, buffer("openai/error-429-rate-limit-exceeded.json"));

        assertThat(failure.retryAfter()).contains(Duration.ofMillis(276));
    }

    @Test
    void azures_retry_after_is_carried() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("retry-after", "6");

        assertThat(azure.classify(429, headers, buffer("azure/error-429.json")).retryAfter())
                .contains(Duration.ofSeconds(6));
    }

    @Test
    void retry_after_as_an_http_date_is_measured_from_now() {
        String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("retry-after", in30Seconds);

        Duration delay = openAi.classify(503, headers, buffer("openai/error-503.json"))
                .retryAfter()
                .orElseThrow();

        assertThat(delay).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void no_or_unreadable_retry_after_gives_none() {
        MultiMap garbage = MultiMap.caseInsensitiveMultiMap().add("retry-after", "soon");

        assertThat(openAi.classify(429, garbage, buffer("openai/error-429-rate-limit-exceeded.json"))
                        .retryAfter())
                .isEmpty();
        assertThat(openAi.classify(429, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer())
                        .retryAfter())
                .isEmpty();
    }

    @Test
    void the_key_never_appears_in_the_message() {
        GatewayException openAiFailure = openAi.classify(
                401, MultiMap.caseInsensitiveMultiMap(), buffer("openai/error-401-invalid-api-key.json"));
        GatewayException azureFailure =
                azure.classify(401, MultiMap.caseInsensitiveMultiMap(), buffer("azure/error-401.json"));

        assertThat(openAiFailure.getMessage()).doesNotContain(OPENAI_KEY).contains("sk-proj-****");
        assertThat(azureFailure.getMessage()).doesNotContain(AZURE_KEY);
    }
}
