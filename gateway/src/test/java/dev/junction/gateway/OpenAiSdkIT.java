package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.AzureWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at Junction, talking to each provider family through it. */
class OpenAiSdkIT {
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

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    @Test
    void chat_completion_reaches_the_openai_deployment_with_its_credentials_and_comes_back_with_headers() {
        gateway.upstream
                .on("/openai/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o-2024-08-06")
                        .content("Hello there!")
                        .usage(9, 3)
                        .answer());

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(chat("gpt-4o")
                        .putAdditionalBodyProperty("mock_testing_fallbacks", JsonValue.from(false))
                        .build());
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().get(0).message().content()).contains("Hello there!");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(12);
        assertThat(raw.headers().values("x-litellm-model-group")).containsExactly("gpt-4o");
        assertThat(raw.headers().values("x-litellm-model-api-base"))
                .containsExactly(gateway.upstream.baseUrl() + "/openai/v1");
        assertThat(raw.headers().values("x-litellm-model-id").get(0)).hasSize(64);
        assertThat(raw.headers().values("x-litellm-call-id")).hasSize(1);
        assertThat(Double.parseDouble(
                        raw.headers().values("x-litellm-overhead-duration-ms").get(0)))
                .isGreaterThanOrEqualTo(0);
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-upstream-openai");
        assertThat(sent.header("openai-organization")).isEqualTo("org-e2e");
        JsonObject body = sent.bodyAsJson();
        assertThat(body.getString("model")).isEqualTo("gpt-4o");
        assertThat(body.getDouble("temperature")).isEqualTo(0.2);
        assertThat(body.containsKey("mock_testing_fallbacks")).isFalse();
    }

    @Test
    void openai_parameters_pass_through_untouched_and_tool_calls_come_back() {
        gateway.upstream
                .on("/openai/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o")
                        .toolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}")
                        .answer());
        List<Map<String, Object>> tools = List.of(Map.of(
                "type", "function", "function", Map.of("name", "get_weather", "parameters", Map.of("type", "object"))));

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("gpt-4o")
                        .putAdditionalBodyProperty("tools", JsonValue.from(tools))
                        .putAdditionalBodyProperty("seed", JsonValue.from(7))
                        .putAdditionalBodyProperty("logprobs", JsonValue.from(true))
                        .putAdditionalBodyProperty("temperature", JsonValue.from(0.9))
                        .build());

        ChatCompletionMessageToolCall call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getJsonArray("tools")).isEqualTo(new JsonArray(tools));
        assertThat(sent.getInteger("seed")).isEqualTo(7);
        assertThat(sent.getBoolean("logprobs")).isTrue();
        assertThat(sent.getDouble("temperature"))
                .as("the request's value beats the deployment's")
                .isEqualTo(0.9);
    }

    @Test
    void streamed_chat_arrives_chunk_by_chunk_with_usage_when_asked() {
        gateway.upstream
                .on("/openai/v1/chat/completions")
                .reply(OpenAiWire.chat("gpt-4o")
                        .content("One two three four")
                        .usage(5, 4)
                        .streamAnswer(4, true));

        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(chat("gpt-4o")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            chunks = stream.stream().collect(Collectors.toList());
        }
        chunks.forEach(chunk ->
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));

        assertThat(text.toString()).isEqualTo("One two three four");
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens())
                .isEqualTo(9);
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getBoolean("stream"))
                .isTrue();
    }

    @Test
    void legacy_completions_and_embeddings_and_model_listing_work() {
        gateway.upstream
                .on("/openai/v1/completions")
                .reply(Answer.json(200, OpenAiWire.textCompletion("gpt-4o", "Hi!", 3, 2)));
        gateway.upstream
                .on("/openai/v1/embeddings")
                .reply(Answer.json(200, OpenAiWire.embeddings("text-embedding-3-small", 2, 4)));

        Completion completion = client.completions()
                .create(CompletionCreateParams.builder()
                        .model("gpt-4o")
                        .prompt("Say hi")
                        .build());
        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .inputOfArrayOfStrings(List.of("a", "b"))
                        .build());
        List<String> models =
                client.models().list().data().stream().map(Model::id).toList();

        assertThat(completion.choices().get(0).text()).isEqualTo("Hi!");
        assertThat(embeddings.data()).hasSize(2);
        assertThat(embeddings.data().get(0).embedding()).hasSize(4);
        assertThat(gateway.upstream
                        .requests("/openai/v1/embeddings")
                        .get(0)
                        .bodyAsJson()
                        .getString("model"))
                .isEqualTo("text-embedding-3-small");
        assertThat(models).contains("gpt-4o", "azure-gpt", "claude", "llama", "canned", "text-embedding-3-small");
    }

    @Test
    void azure_deployment_is_called_on_its_deployment_url_with_api_key_and_version() {
        gateway.upstream
                .on("/azure" + AzureWire.chatPath("prod-gpt4o"))
                .reply(AzureWire.chat("gpt-4o").content("From Azure").answer());

        ChatCompletion completion =
                client.chat().completions().create(chat("azure-gpt").build());

        assertThat(completion.choices().get(0).message().content()).contains("From Azure");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("api-key")).isEqualTo("azure-e2e-key");
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.param("api-version")).isEqualTo("2024-10-21");
    }

    @Test
    void anthropic_deployment_is_translated_both_ways_including_streams() {
        gateway.upstream
                .on("/anthropic/v1/messages")
                .reply(
                        AnthropicWire.message("claude-3-5-sonnet-20241022")
                                .text("Bonjour")
                                .usage(11, 2)
                                .answer(),
                        AnthropicWire.message("claude-3-5-sonnet-20241022")
                                .text("Streamed from Claude")
                                .usage(11, 4)
                                .streamAnswer(3));

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude")
                        .addSystemMessage("Answer in French")
                        .addUserMessage("Say hello")
                        .build());
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(chat("claude").build())) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(c -> c.delta().content().ifPresent(streamed::append)));
        }

        assertThat(completion.choices().get(0).message().content()).contains("Bonjour");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(11);
        assertThat(streamed.toString()).isEqualTo("Streamed from Claude");
        RecordedRequest first =
                gateway.upstream.requests("/anthropic/v1/messages").get(0);
        assertThat(first.header("x-api-key")).isEqualTo("sk-ant-e2e");
        assertThat(first.header("anthropic-version")).isNotBlank();
        assertThat(first.bodyAsJson().getValue("system").toString()).contains("Answer in French");
        assertThat(first.bodyAsJson().getJsonArray("messages").size()).isEqualTo(1);
        assertThat(first.bodyAsJson().getString("model")).isEqualTo("claude-3-5-sonnet-20241022");
    }

    @Test
    void openai_compatible_server_without_a_key_gets_no_authorization_header() {
        gateway.upstream
                .on("/vllm/v1/chat/completions")
                .reply(OpenAiWire.chat("meta-llama/Llama-3.1-8B-Instruct")
                        .content("llama says hi")
                        .answer());

        ChatCompletion completion =
                client.chat().completions().create(chat("llama").build());

        assertThat(completion.choices().get(0).message().content()).contains("llama says hi");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.bodyAsJson().getString("model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void mock_response_answers_without_any_upstream_call() {
        ChatCompletion completion =
                client.chat().completions().create(chat("canned").build());
        ChatCompletion perRequest = client.chat()
                .completions()
                .create(chat("gpt-4o")
                        .putAdditionalBodyProperty("mock_response", JsonValue.from("Mocked per request"))
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("A canned answer.");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(30);
        assertThat(perRequest.choices().get(0).message().content()).contains("Mocked per request");
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void model_info_lists_deployments_without_their_secrets() throws Exception {
        var response = gateway.get("/v1/model/info", "authorization", "Bearer sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"model_name\":\"azure-gpt\"")
                .doesNotContain("azure-e2e-key")
                .doesNotContain("sk-upstream-openai")
                .doesNotContain("sk-ant-e2e")
                .doesNotContain("api_key")
                .doesNotContain("basic-auth-secret-42", "proxyuser", "query-secret-42", "unlisted-secret-42");
        Map<String, JsonObject> params = new JsonObject(response.body())
                .getJsonArray("data").stream()
                        .map(JsonObject.class::cast)
                        .collect(Collectors.toMap(
                                entry -> entry.getString("model_name"),
                                entry -> entry.getJsonObject("litellm_params"),
                                (first, second) -> first));
        assertThat(params.get("behind-basic-auth").getString("api_base"))
                .isEqualTo(gateway.upstream.baseUrl() + "/basic-auth/v1");
        assertThat(params.get("signed-endpoint").getString("api_base"))
                .isEqualTo(gateway.upstream.baseUrl() + "/signed/v1");
        assertThat(params.get("signed-endpoint").containsKey("proxy_auth")).isFalse();
        JsonObject groups = new JsonObject(gateway.get("/model_group/info", "authorization", "Bearer sk-master-e2e")
                .body());
        Map<String, Object> claude = groups.getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .filter(group -> group.getString("model_group").equals("claude"))
                .findFirst()
                .orElseThrow()
                .getMap();
        assertThat(claude.get("providers").toString()).contains("anthropic");
    }

    @Test
    void the_api_base_header_carries_no_user_info() {
        gateway.upstream
                .on("/basic-auth/v1/chat/completions")
                .reply(OpenAiWire.chat("meta-llama/Llama-3.1-8B-Instruct")
                        .content("behind a proxy")
                        .answer());

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(chat("behind-basic-auth").build());

        assertThat(raw.parse().choices().get(0).message().content()).contains("behind a proxy");
        assertThat(raw.headers().values("x-litellm-model-api-base"))
                .containsExactly(gateway.upstream.baseUrl() + "/basic-auth/v1");
    }

    @Test
    void mock_embeddings_come_in_the_encoding_asked_for() throws Exception {
        String floatsBody = "{\"model\":\"canned\",\"input\":\"same text\"}";
        JsonArray floats = new JsonObject(
                        gateway.post("/v1/embeddings", floatsBody, "authorization", "Bearer sk-master-e2e")
                                .body())
                .getJsonArray("data")
                .getJsonObject(0)
                .getJsonArray("embedding");
        String base64Body = "{\"model\":\"canned\",\"input\":\"same text\",\"encoding_format\":\"base64\"}";
        String encoded = new JsonObject(
                        gateway.post("/v1/embeddings", base64Body, "authorization", "Bearer sk-master-e2e")
                                .body())
                .getJsonArray("data")
                .getJsonObject(0)
                .getString("embedding");

        CreateEmbeddingResponse viaSdk = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("canned")
                        .input("same text")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                        .build());

        List<Float> expected =
                floats.stream().map(n -> ((Number) n).floatValue()).toList();
        assertThat(expected).isNotEmpty().anyMatch(value -> value != 0f);
        assertThat(littleEndianFloats(encoded)).isEqualTo(expected);
        assertThat(viaSdk.data().get(0).embeddingValue().isBase64()).isTrue();
        assertThat(viaSdk.data().get(0).embedding()).isEqualTo(expected);
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void an_unknown_encoding_format_is_a_400_naming_it() throws Exception {
        var response = gateway.post(
                "/v1/embeddings",
                "{\"model\":\"canned\",\"input\":\"x\",\"encoding_format\":\"int8\"}",
                "authorization",
                "Bearer sk-master-e2e");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("param"))
                .isEqualTo("encoding_format");
    }

    private static List<Float> littleEndianFloats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        List<Float> values = new java.util.ArrayList<>();
        while (bytes.remaining() >= Float.BYTES) {
            values.add(bytes.getFloat());
        }
        return values;
    }
}
