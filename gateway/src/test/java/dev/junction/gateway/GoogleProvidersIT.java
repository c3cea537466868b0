package dev.junction.gateway;

import static dev.junction.testkit.GeminiWire.path;
import static dev.junction.testkit.GeminiWire.vertexPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.GeminiWire;
import dev.junction.testkit.GoogleServiceAccount;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini (Google AI Studio) and Vertex AI end to end: the official OpenAI SDK calls a node, the node speaks
 * Google's wire formats to a fake of their APIs, and Vertex AI's OAuth2 tokens come from a fake of Google's
 * token server that verifies each JWT grant's signature with the service account's public key.
 */
class GoogleProvidersIT {
    private static final String KEY = "AIza-e2e-gemini-key";
    private static Vertx tokenVertx;
    private static FakeUpstream tokenServer;
    private static GoogleServiceAccount account;
    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        tokenVertx = Vertx.vertx();
        tokenServer = GatewayHarness.await(FakeUpstream.start(tokenVertx));
        account = GoogleServiceAccount.create(tokenServer, "sa-project");
        tokenServer.on(GoogleServiceAccount.TOKEN_PATH).replyAlways(account.tokenEndpoint());
        Path keyFile = Files.createTempFile("vertex-sa", ".json");
        Files.writeString(keyFile, account.json().encodePrettily());
        gateway = GatewayHarness.start(
                "/e2e/google-providers.yaml",
                Map.of(
                        "VERTEX_SA_FILE", keyFile.toString(),
                        "VERTEX_SA_JSON", account.json().encode(),
                        "VERTEX_FORGED_JSON", account.jsonWithWrongKey().encode()),
                "junction-google-" + UUID.randomUUID(),
                null);
        client = gateway.openAi("sk-master-google");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
        tokenServer.close();
        GatewayHarness.await(tokenVertx.close());
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("Answer briefly.")
                .addUserMessage("Say hello");
    }

    private static String streamedText(ChatCompletionCreateParams params, List<ChatCompletionChunk> into) {
        return SdkStreams.streamedText(client, params, into);
    }

    @Test
    void gemini_chat_goes_out_as_generate_content_with_the_key_in_its_header() {
        gateway.upstream
                .on(path("gemini-2.0-flash", "generateContent"))
                .reply(Answer.json(200, GeminiWire.answer("Hello from Gemini!", 11, 4)));

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("gemini-flash")
                        .temperature(0.3)
                        .maxCompletionTokens(50)
                        .build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Gemini!");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(15);
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.uri()).doesNotContain(KEY);
        JsonObject body = sent.bodyAsJson();
        assertThat(body.getJsonObject("systemInstruction").encode()).contains("Answer briefly.");
        assertThat(body.getJsonArray("contents").getJsonObject(0).getString("role"))
                .isEqualTo("user");
        assertThat(body.getJsonObject("generationConfig"))
                .isEqualTo(new JsonObject().put("temperature", 0.3).put("maxOutputTokens", 50));
    }

    @Test
    void gemini_streams_arrive_as_chat_chunks_with_usage_when_asked() {
        gateway.upstream
                .on(path("gemini-2.0-flash", "streamGenerateContent"))
                .reply(GeminiWire.stream("One two three four", 4, 6, 4));
        List<ChatCompletionChunk> chunks = new java.util.ArrayList<>();

        String text = streamedText(
                chat("gemini-flash")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build(),
                chunks);

        assertThat(text).isEqualTo("One two three four");
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens())
                .isEqualTo(10);
        assertThat(gateway.upstream.lastRequest().param("alt")).isEqualTo("sse");
    }

    @Test
    void gemini_function_calls_come_back_as_tool_calls() {
        gateway.upstream
                .on(path("gemini-2.0-flash", "generateContent"))
                .reply(Answer.json(200, GeminiWire.functionCall("get_weather", new JsonObject().put("city", "Paris"))));
        List<Map<String, Object>> tools = List.of(Map.of(
                "type", "function", "function", Map.of("name", "get_weather", "parameters", Map.of("type", "object"))));

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("gemini-flash")
                        .putAdditionalBodyProperty("tools", JsonValue.from(tools))
                        .putAdditionalBodyProperty("tool_choice", JsonValue.from("required"))
                        .build());

        ChatCompletionMessageToolCall call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completion.choices().get(0).finishReason().toString()).isEqualTo("tool_calls");
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getJsonArray("tools").getJsonObject(0).getJsonArray("functionDeclarations"))
                .hasSize(1);
        assertThat(sent.getJsonObject("toolConfig")
                        .getJsonObject("functionCallingConfig")
                        .getString("mode"))
                .isEqualTo("ANY");
    }

    @Test
    void gemini_embeddings_go_out_as_batch_embed_contents() {
        gateway.upstream
                .on(path("text-embedding-004", "batchEmbedContents"))
                .reply(Answer.json(200, GeminiWire.batchEmbeddings(2, 8)));

        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("gemini-embed")
                        .inputOfArrayOfStrings(List.of("first", "second"))
                        .build());

        assertThat(embeddings.data()).hasSize(2);
        assertThat(embeddings.data().get(1).embedding()).hasSize(8);
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getJsonArray("requests"))
                .hasSize(2);
    }

    @Test
    void a_gemini_quota_error_is_a_429_whose_retry_after_comes_from_retry_info() {
        gateway.upstream
                .on(path("gemini-2.0-flash", "generateContent"))
                .reply(GeminiWire.resourceExhausted(Duration.ofSeconds(9)));

        RateLimitException error = catchThrowableOfType(
                RateLimitException.class,
                () -> client.chat().completions().create(chat("gemini-flash").build()));

        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.headers().values("retry-after")).containsExactly("9");
        assertThat(error.getMessage())
                .contains("litellm.RateLimitError: GeminiException - You exceeded your current quota");
    }

    @Test
    void a_gemini_token_limit_error_falls_back_through_context_window_fallbacks() {
        gateway.upstream.on(path("gemini-small", "generateContent")).replyAlways(GeminiWire.tokenLimit());
        gateway.upstream
                .on(path("gemini-large", "generateContent"))
                .replyAlways(Answer.json(200, GeminiWire.answer("Plenty of room here.", 900, 5)));

        HttpResponseFor<ChatCompletion> response = client.chat()
                .completions()
                .withRawResponse()
                .create(chat("gemini-small").build());

        assertThat(response.parse().choices().get(0).message().content()).contains("Plenty of room here.");
        assertThat(response.headers().values("x-litellm-model-group")).containsExactly("gemini-large");
        assertThat(gateway.upstream.requests(path("gemini-small", "generateContent")))
                .hasSize(1);
    }

    @Test
    void a_prompt_blocked_by_gemini_safety_falls_back_through_content_policy_fallbacks() {
        gateway.upstream
                .on(path("gemini-strict", "generateContent"))
                .replyAlways(Answer.json(200, GeminiWire.promptBlocked("SAFETY")));
        gateway.upstream
                .on(path("gemini-backup", "generateContent"))
                .replyAlways(Answer.json(200, GeminiWire.answer("The backup answered.", 9, 4)));

        HttpResponseFor<ChatCompletion> response = client.chat()
                .completions()
                .withRawResponse()
                .create(chat("gemini-strict").build());

        assertThat(response.parse().choices().get(0).message().content()).contains("The backup answered.");
        assertThat(response.headers().values("x-litellm-model-group")).containsExactly("gemini-backup");
    }

    @Test
    void vertex_gemini_is_called_with_a_service_account_token_and_one_exchange_serves_many_calls() {
        // The fake token server verified the grant's RS256 signature against the account's public key.
        int issuedBefore = account.tokensIssued();
        String geminiPath = vertexPath("it-project", "europe-west4", "google", "gemini-2.0-flash", "generateContent");
        gateway.upstream.on(geminiPath).replyAlways(Answer.json(200, GeminiWire.answer("Hello from Vertex!", 7, 4)));

        for (int i = 0; i < 4; i++) {
            ChatCompletion completion =
                    client.chat().completions().create(chat("vertex-gemini").build());
            assertThat(completion.choices().get(0).message().content()).contains("Hello from Vertex!");
        }

        List<RecordedRequest> calls = gateway.upstream.requests(geminiPath);
        assertThat(calls).hasSize(4);
        String authorization = calls.get(0).header("authorization");
        assertThat(authorization).startsWith("Bearer ya29.fake-");
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.header("authorization")).isEqualTo(authorization));
        assertThat(account.tokensIssued() - issuedBefore)
                .as("token exchanges for four calls over two event loops")
                .isLessThanOrEqualTo(1);
        // Whatever ran before: one exchange per form of the credentials (key file, inline JSON), never per call.
        assertThat(account.tokensIssued()).isBetween(1, 2);
    }

    @Test
    void vertex_without_a_project_uses_the_credentials_project_from_inline_json() {
        String inlinePath =
                vertexPath("sa-project", "us-central1", "google", "gemini-1.5-pro", "streamGenerateContent");
        gateway.upstream.on(inlinePath).reply(GeminiWire.stream("Inline credentials work", 3, 5, 3));

        String text = streamedText(chat("vertex-inline").build(), new java.util.ArrayList<>());

        assertThat(text).isEqualTo("Inline credentials work");
        assertThat(gateway.upstream.lastRequest().header("authorization")).startsWith("Bearer ya29.fake-");
    }

    @Test
    void vertex_claude_goes_through_raw_predict_in_anthropics_format_whole_and_streamed() {
        String raw = vertexPath("it-project", "us-east5", "anthropic", "claude-3-5-sonnet-v2@20241022", "rawPredict");
        String streamed =
                vertexPath("it-project", "us-east5", "anthropic", "claude-3-5-sonnet-v2@20241022", "streamRawPredict");
        gateway.upstream
                .on(raw)
                .reply(AnthropicWire.message("claude-3-5-sonnet-v2@20241022")
                        .text("Claude on Vertex.")
                        .answer());
        gateway.upstream
                .on(streamed)
                .reply(AnthropicWire.message("claude-3-5-sonnet-v2@20241022")
                        .text("Streamed Claude.")
                        .streamAnswer(3));

        ChatCompletion completion =
                client.chat().completions().create(chat("vertex-claude").build());
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        String text = streamedText(chat("vertex-claude").build(), new java.util.ArrayList<>());

        assertThat(completion.choices().get(0).message().content()).contains("Claude on Vertex.");
        assertThat(sent.getString("anthropic_version")).isEqualTo("vertex-2023-10-16");
        assertThat(sent.containsKey("model")).isFalse();
        assertThat(sent.getJsonArray("system").getJsonObject(0).getString("text"))
                .isEqualTo("Answer briefly.");
        assertThat(text).isEqualTo("Streamed Claude.");
        assertThat(gateway.upstream.lastRequest().header("authorization")).startsWith("Bearer ya29.fake-");
    }

    @Test
    void vertex_embeddings_go_out_as_predict_with_their_token_counts() {
        gateway.upstream
                .on(vertexPath("it-project", "us-central1", "google", "text-embedding-005", "predict"))
                .reply(Answer.json(200, GeminiWire.predictEmbeddings(2, 6, 3)));

        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("vertex-embed")
                        .inputOfArrayOfStrings(List.of("a", "b"))
                        .build());

        assertThat(embeddings.data()).hasSize(2);
        assertThat(embeddings.usage().promptTokens()).isEqualTo(6);
    }

    @Test
    void credentials_the_token_server_refuses_are_a_401_and_nothing_reaches_vertex() {
        String path = vertexPath("it-project", "us-central1", "google", "gemini-2.0-flash", "generateContent");

        UnauthorizedException error = catchThrowableOfType(
                UnauthorizedException.class,
                () -> client.chat().completions().create(chat("vertex-forged").build()));

        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.getMessage())
                .contains("VertexAIException - could not get a Google access token")
                .contains("Invalid JWT Signature")
                .doesNotContain("PRIVATE KEY");
        assertThat(gateway.upstream.requests(path)).isEmpty();
    }
}
