package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.AzureWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each upstream failure reaches the client with LiteLLM's status and an OpenAI-shaped body, after the retries
 * LiteLLM would make: none for a request the upstream called wrong.
 */
class UpstreamErrorsIT {
    private static final String FLAKY = "/flaky/v1/chat/completions";
    private static final String PICKY = "/picky/v1/chat/completions";
    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/gateway.yaml");
        client = gateway.openAi("sk-master-e2e");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static <T extends Throwable> T callFails(String model, Class<T> type) {
        return catchThrowableOfType(type, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("hello")
                        .build()));
    }

    @Test
    void upstream_429_is_a_429_with_its_retry_after() {
        gateway.upstream.on(FLAKY).reply(OpenAiWire.rateLimited(Duration.ofSeconds(7)));

        RateLimitException error = callFails("flaky", RateLimitException.class);

        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.headers().values("retry-after")).containsExactly("7");
        assertThat(error.getMessage()).contains("litellm.RateLimitError");
        assertThat(error.type()).contains("throttling_error");
    }

    @Test
    void upstream_500_is_a_500_and_upstream_401_a_401() {
        gateway.upstream.on(FLAKY).reply(OpenAiWire.serverError(), OpenAiWire.invalidApiKey());

        InternalServerException serverError = callFails("flaky", InternalServerException.class);
        UnauthorizedException unauthorized = callFails("flaky", UnauthorizedException.class);

        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.getMessage())
                .contains("litellm.AuthenticationError")
                .doesNotContain("sk-flaky");
    }

    @Test
    void upstream_404_403_422_and_503_keep_their_status() {
        gateway.upstream
                .on(FLAKY)
                .reply(
                        OpenAiWire.modelNotFound("gpt-4o-mini"),
                        Answer.json(403, OpenAiWire.errorBody("Country not supported", "permission_error", null, null)),
                        Answer.json(422, OpenAiWire.errorBody("Unprocessable", "invalid_request_error", null, null)),
                        OpenAiWire.serviceUnavailable());

        assertThat(callFails("flaky", NotFoundException.class).statusCode()).isEqualTo(404);
        assertThat(callFails("flaky", OpenAIServiceException.class).statusCode())
                .isEqualTo(403);
        assertThat(callFails("flaky", OpenAIServiceException.class).statusCode())
                .isEqualTo(422);
        assertThat(callFails("flaky", OpenAIServiceException.class).statusCode())
                .isEqualTo(503);
    }

    @Test
    void context_window_and_content_policy_errors_are_recognised_for_each_provider() {
        gateway.upstream.on(FLAKY).reply(OpenAiWire.contextLengthExceeded(), OpenAiWire.contentPolicyViolation());
        gateway.upstream
                .on("/flaky-azure" + AzureWire.chatPath("flaky"))
                .reply(AzureWire.contentFilter(), AzureWire.contextLengthExceeded());
        gateway.upstream.on("/flaky-claude/v1/messages").reply(AnthropicWire.promptTooLong());

        assertThat(callFails("flaky", BadRequestException.class).getMessage())
                .contains("litellm.ContextWindowExceededError");
        assertThat(callFails("flaky", BadRequestException.class).getMessage())
                .contains("litellm.ContentPolicyViolationError");
        assertThat(callFails("flaky-azure", BadRequestException.class).getMessage())
                .contains("litellm.ContentPolicyViolationError");
        assertThat(callFails("flaky-azure", BadRequestException.class).getMessage())
                .contains("litellm.ContextWindowExceededError");
        assertThat(callFails("flaky-claude", BadRequestException.class).getMessage())
                .contains("litellm.ContextWindowExceededError")
                .contains("prompt is too long");
    }

    private static Answer badRequest() {
        return Answer.json(
                400,
                OpenAiWire.errorBody(
                        "Invalid value for 'temperature': must be at most 2.",
                        "invalid_request_error",
                        "temperature",
                        "invalid_value"));
    }

    @Test
    void a_plain_400_is_answered_after_one_attempt_though_retries_are_left() {
        gateway.upstream.on(PICKY).replyAlways(badRequest());

        BadRequestException error = callFails("picky", BadRequestException.class);

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("Invalid value for 'temperature'");
        assertThat(gateway.upstream.requests(PICKY)).hasSize(1);
    }

    @Test
    void a_content_policy_400_without_content_policy_fallbacks_is_answered_after_one_attempt() {
        gateway.upstream.on(PICKY).replyAlways(OpenAiWire.contentPolicyViolation());

        BadRequestException error = callFails("picky", BadRequestException.class);

        assertThat(error.getMessage()).contains("litellm.ContentPolicyViolationError");
        assertThat(gateway.upstream.requests(PICKY)).hasSize(1);
    }

    @Test
    void a_400_goes_to_the_generic_fallbacks_after_one_attempt() throws Exception {
        gateway.upstream.on("/picky-fb/v1/chat/completions").replyAlways(badRequest());
        gateway.upstream.on("/picky-backup/v1/chat/completions").reply(OpenAiWire.ok("from the backup"));

        HttpResponse<String> response = new E2eClient(gateway, "sk-master-e2e").chat("picky-with-fallback");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(E2eClient.content(response)).isEqualTo("from the backup");
        assertThat(E2eClient.header(response, "x-litellm-attempted-fallbacks")).isEqualTo("1");
        assertThat(gateway.upstream.requests("/picky-fb/v1/chat/completions")).hasSize(1);
    }

    @Test
    void an_upstream_409_is_retried() throws Exception {
        gateway.upstream
                .on(PICKY)
                .reply(
                        Answer.json(409, OpenAiWire.errorBody("Conflict, try again", "conflict", null, null)),
                        OpenAiWire.ok("after the conflict"));

        HttpResponse<String> response = new E2eClient(gateway, "sk-master-e2e").chat("picky");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(E2eClient.content(response)).isEqualTo("after the conflict");
        assertThat(gateway.upstream.requests(PICKY)).hasSize(2);
    }

    @Test
    void anthropic_overloaded_529_becomes_a_503() {
        gateway.upstream.on("/flaky-claude/v1/messages").reply(AnthropicWire.overloaded());

        OpenAIServiceException error = callFails("flaky-claude", OpenAIServiceException.class);

        assertThat(error.statusCode()).isEqualTo(503);
    }

    @Test
    void an_upstream_that_never_answers_times_out_with_408_and_is_disconnected() throws Exception {
        gateway.upstream.on(FLAKY).reply(Answer.hang());

        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"flaky\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization",
                "Bearer sk-master-e2e",
                "x-litellm-timeout",
                "0.5");

        assertThat(response.statusCode()).isEqualTo(408);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("408");
        assertThat(error.getString("message")).contains("litellm.Timeout");
        GatewayHarness.await(gateway.upstream.nextCancellation());
    }

    @Test
    void an_unreachable_upstream_is_a_connection_error_not_a_hang() throws Exception {
        HttpResponse<String> response = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"flaky\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"api_base\":\"http://127.0.0.1:1/v1\"}",
                "authorization",
                "Bearer sk-master-e2e");

        assertThat(response.statusCode())
                .as("client-side api_base is refused unless allow_client_side_credentials")
                .isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("param"))
                .isEqualTo("api_base");
    }
}
