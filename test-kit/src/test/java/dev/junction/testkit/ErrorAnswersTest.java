package dev.junction.testkit;

import static dev.junction.testkit.TestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every canned provider error, played through the fake as a client sees it. */
@ExtendWith(VertxExtension.class)
class ErrorAnswersTest {
    private FakeUpstream upstream;
    private TestClient client;

    @BeforeEach
    void start(Vertx vertx) {
        upstream = await(FakeUpstream.start(vertx));
        client = new TestClient(vertx, upstream);
    }

    @AfterEach
    void stop() {
        await(upstream.close());
    }

    @Test
    void openai_errors_have_status_type_and_code() {
        assertOpenAi(OpenAiWire.invalidApiKey(), 401, "invalid_request_error", "invalid_api_key");
        assertOpenAi(OpenAiWire.modelNotFound("gpt-9"), 404, "invalid_request_error", "model_not_found");
        assertOpenAi(OpenAiWire.rateLimited(), 429, "tokens", "rate_limit_exceeded");
        assertOpenAi(OpenAiWire.insufficientQuota(), 429, "insufficient_quota", "insufficient_quota");
        assertOpenAi(OpenAiWire.serverError(), 500, "server_error", null);
        assertOpenAi(OpenAiWire.serviceUnavailable(), 503, "server_error", null);
        assertOpenAi(OpenAiWire.contentPolicyViolation(), 400, "invalid_request_error", "content_policy_violation");
        JsonObject context = assertOpenAi(
                OpenAiWire.contextLengthExceeded(), 400, "invalid_request_error", "context_length_exceeded");
        assertThat(context.getString("message"))
                .startsWith(
                        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens");
        assertThat(context.getString("param")).isEqualTo("messages");
    }

    @Test
    void openai_rate_limit_variant_sends_retry_after_in_seconds() {
        TestClient.Reply reply = play(OpenAiWire.rateLimited(Duration.ofSeconds(3)));

        assertThat(reply.headers().get("retry-after")).isEqualTo("3");
    }

    @Test
    void azure_errors_use_azures_codes() {
        TestClient.Reply filter = play(AzureWire.contentFilter());
        TestClient.Reply context = play(AzureWire.contextLengthExceeded());
        TestClient.Reply key = play(AzureWire.invalidKey());
        TestClient.Reply limited = play(AzureWire.rateLimited(Duration.ofSeconds(6)));
        TestClient.Reply missing = play(AzureWire.deploymentNotFound());

        assertThat(filter.status()).isEqualTo(400);
        assertThat(code(filter)).isEqualTo("content_filter");
        assertThat(context.status()).isEqualTo(400);
        assertThat(code(context)).isEqualTo("context_length_exceeded");
        assertThat(key.status()).isEqualTo(401);
        assertThat(code(key)).isEqualTo("401");
        assertThat(error(key).getString("message")).startsWith("Access denied due to invalid subscription key");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(code(limited)).isEqualTo("429");
        assertThat(limited.headers().get("retry-after")).isEqualTo("6");
        assertThat(error(limited).getString("message"))
                .startsWith("Requests to the ChatCompletions_Create Operation under Azure OpenAI API version")
                .contains("Please retry after 6 seconds");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("DeploymentNotFound");
    }

    @Test
    void anthropic_errors_have_status_and_type() {
        assertAnthropic(AnthropicWire.promptTooLong(), 400, "invalid_request_error");
        assertAnthropic(AnthropicWire.authenticationError(), 401, "authentication_error");
        assertAnthropic(AnthropicWire.rateLimited(), 429, "rate_limit_error");
        assertAnthropic(AnthropicWire.apiError(), 500, "api_error");
        assertAnthropic(AnthropicWire.overloaded(), 529, "overloaded_error");
        TestClient.Reply limited = play(AnthropicWire.rateLimited(Duration.ofMillis(2500)));
        TestClient.Reply tooLong = play(AnthropicWire.promptTooLong());

        assertThat(limited.headers().get("retry-after")).isEqualTo("3");
        assertThat(error(tooLong).getString("message")).isEqualTo("prompt is too long: 210000 tokens > 200000 maximum");
        assertThat(tooLong.headers().get("request-id")).isEqualTo(AnthropicWire.REQUEST_ID);
    }

    private JsonObject assertOpenAi(Answer answer, int status, String type, String code) {
        TestClient.Reply reply = play(answer);
        JsonObject error = error(reply);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(error.getString("type")).isEqualTo(type);
        assertThat(error.getValue("code")).isEqualTo(code);
        assertThat(error.containsKey("param")).isTrue();
        return error;
    }

    private void assertAnthropic(Answer answer, int status, String type) {
        TestClient.Reply reply = play(answer);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().getString("type")).isEqualTo("error");
        assertThat(error(reply).getString("type")).isEqualTo(type);
    }

    private TestClient.Reply play(Answer answer) {
        upstream.on("/e").reply(answer);
        return client.post("/e", "{}");
    }

    private static JsonObject error(TestClient.Reply reply) {
        return reply.json().getJsonObject("error");
    }

    private static String code(TestClient.Reply reply) {
        return error(reply).getString("code");
    }
}
