package dev.junction.provider.mock;

import static dev.junction.provider.WireFixtures.call;
import static dev.junction.provider.WireFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MockResponderTest {
    private static final JsonObject MESSAGES = new JsonObject()
            .put("model", "my-model")
            .put(
                    "messages",
                    new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));

    @Test
    void a_chat_mock_is_a_chat_completion_with_litellms_mock_usage() {
        ProviderReply.Complete reply =
                complete(Endpoint.CHAT_COMPLETIONS, MESSAGES.copy().put("mock_response", "Olá!"));

        JsonObject body = reply.body().toJsonObject();
        assertThat(body.getString("object")).isEqualTo("chat.completion");
        assertThat(body.getString("id")).startsWith("chatcmpl-");
        assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message"))
                .isEqualTo(new JsonObject().put("role", "assistant").put("content", "Olá!"));
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        assertThat(body.getJsonObject("usage")).isEqualTo(new Usage(10, 20, 30).toOpenAi());
        assertThat(reply.usage()).isEqualTo(new Usage(10, 20, 30));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void a_completion_mock_is_a_text_completion() {
        JsonObject request = new JsonObject()
                .put("model", "my-model")
                .put("prompt", "Say hi")
                .put("mock_response", "hi");

        ProviderReply.Complete reply = complete(Endpoint.COMPLETIONS, request);

        JsonObject body = reply.body().toJsonObject();
        assertThat(body.getString("object")).isEqualTo("text_completion");
        assertThat(body.getString("id")).startsWith("cmpl-");
        assertThat(body.getJsonArray("choices").getJsonObject(0).getString("text"))
                .isEqualTo("hi");
        assertThat(reply.usage()).isEqualTo(new Usage(10, 20, 30));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void an_embeddings_mock_has_one_vector_per_input_equal_for_equal_inputs() {
        JsonObject request = new JsonObject()
                .put("model", "my-model")
                .put("input", new JsonArray().add("a").add("b").add("a"))
                .put("mock_response", "x");

        ProviderReply.Complete reply = complete(Endpoint.EMBEDDINGS, request);

        JsonObject body = reply.body().toJsonObject();
        assertThat(body.getString("object")).isEqualTo("list");
        JsonArray data = body.getJsonArray("data");
        assertThat(data).hasSize(3);
        assertThat(data.getJsonObject(2).getInteger("index")).isEqualTo(2);
        assertThat(data.getJsonObject(0).getJsonArray("embedding"))
                .isEqualTo(data.getJsonObject(2).getJsonArray("embedding"))
                .isNotEqualTo(data.getJsonObject(1).getJsonArray("embedding"));
        assertThat(reply.usage()).isEqualTo(new Usage(10, 0, 10));
        assertThat(reply.finishReason()).isNull();
    }

    @Test
    void an_embeddings_mock_can_give_the_vector() {
        JsonArray vector = new JsonArray().add(0.1).add(-0.2);
        JsonObject request = new JsonObject().put("input", "a").put("mock_response", vector);

        JsonObject body = complete(Endpoint.EMBEDDINGS, request).body().toJsonObject();

        assertThat(body.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"))
                .isEqualTo(vector);
    }

    @Test
    void an_embeddings_mock_in_base64_is_the_vectors_little_endian_float32s() {
        JsonArray vector = new JsonArray().add(0.1).add(-0.2).add(1.5);
        JsonObject request =
                new JsonObject().put("input", "a").put("mock_response", vector).put("encoding_format", "base64");

        String encoded = complete(Endpoint.EMBEDDINGS, request)
                .body()
                .toJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getString("embedding");

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(3 * Float.BYTES);
        assertThat(new float[] {bytes.getFloat(), bytes.getFloat(), bytes.getFloat()})
                .containsExactly(0.1f, -0.2f, 1.5f);
    }

    @Test
    void an_embeddings_mock_vector_that_is_not_numbers_is_a_bad_request() {
        JsonObject request = new JsonObject().put("input", "a").put("mock_response", new JsonArray().add("x"));

        GatewayException failure = catchThrowableOfType(
                () -> MockResponder.respond(call(Endpoint.EMBEDDINGS, request, mocked(null))), GatewayException.class);

        assertThat(failure.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(failure.param()).contains("mock_response");
    }

    @Test
    void a_custom_chat_body_is_returned_as_given() {
        JsonObject custom = new JsonObject()
                .put("id", "chatcmpl-custom")
                .put("object", "chat.completion")
                .put("choices", new JsonArray())
                .put("usage", new Usage(1, 2, 3).toOpenAi());

        ProviderReply.Complete reply =
                complete(Endpoint.CHAT_COMPLETIONS, MESSAGES.copy().put("mock_response", custom));

        assertThat(reply.body().toJsonObject()).isEqualTo(custom);
        assertThat(reply.usage()).isEqualTo(new Usage(1, 2, 3));
    }

    @ParameterizedTest
    @CsvSource({
        "litellm.RateLimitError, RATE_LIMITED, 429",
        "litellm.InternalServerError, INTERNAL, 500",
        "litellm.ContextWindowExceededError, CONTEXT_WINDOW_EXCEEDED, 400",
        "litellm.ContentPolicyViolationError, CONTENT_POLICY_VIOLATION, 400",
        "Exception: content_filter_policy, CONTENT_POLICY_VIOLATION, 400",
    })
    void a_magic_string_raises_that_error(String magic, ErrorKind kind, int status) {
        GatewayException failure = catchThrowableOfType(
                () -> MockResponder.respond(
                        call(Endpoint.CHAT_COMPLETIONS, MESSAGES.copy().put("mock_response", magic), mocked(null))),
                GatewayException.class);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.upstreamStatus()).isEqualTo(status);
        assertThat(failure.getMessage()).startsWith("litellm." + kind.litellmName() + ": ");
    }

    @Test
    void a_magic_string_on_the_deployment_raises_too_even_for_embeddings() {
        JsonObject request = new JsonObject().put("model", "my-model").put("input", "a");

        GatewayException failure = catchThrowableOfType(
                () -> MockResponder.respond(call(Endpoint.EMBEDDINGS, request, mocked("litellm.RateLimitError"))),
                GatewayException.class);

        assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }

    @Test
    void the_requests_mock_response_overrides_the_deployments() {
        ProviderCall call = call(
                Endpoint.CHAT_COMPLETIONS,
                MESSAGES.copy().put("mock_response", "from the request"),
                mocked("litellm.InternalServerError"));

        assertThat(MockResponder.mockValue(call)).isEqualTo("from the request");
        assertThat(content(complete(call))).isEqualTo("from the request");
    }

    @Test
    void the_deployments_mock_response_answers_when_the_request_has_none() {
        ProviderCall call = call(Endpoint.CHAT_COMPLETIONS, MESSAGES.copy(), mocked("from the deployment"));

        assertThat(content(complete(call))).isEqualTo("from the deployment");
    }

    @Test
    void without_any_mock_response_there_is_no_mock_value() {
        assertThat(MockResponder.mockValue(call(Endpoint.CHAT_COMPLETIONS, MESSAGES.copy(), mocked(null))))
                .isNull();
    }

    private static Deployment mocked(String mockResponse) {
        JsonObject params =
                mockResponse == null ? new JsonObject() : new JsonObject().put("mock_response", mockResponse);
        return openAi("gpt-4o-mini", params);
    }

    private static ProviderReply.Complete complete(Endpoint endpoint, JsonObject request) {
        return complete(call(endpoint, request, mocked(null)));
    }

    private static ProviderReply.Complete complete(ProviderCall call) {
        return (ProviderReply.Complete) MockResponder.respond(call);
    }

    private static String content(ProviderReply.Complete reply) {
        return reply.body()
                .toJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }
}
