package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.testkit.Answer;
import dev.junction.testkit.CohereWire;
import dev.junction.testkit.OllamaWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cohere's v2 API, Ollama's native API (NDJSON streams), a Hugging Face Text Generation Inference endpoint and
 * codestral end to end, each called by the official OpenAI SDK through a node.
 */
class NativeProvidersIT {
    private static GatewayHarness gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/native-providers.yaml");
        client = gateway.openAi("sk-master-native");
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

    private static String streamedText(ChatCompletionCreateParams params, List<ChatCompletionChunk> into) {
        return SdkStreams.streamedText(client, params, into);
    }

    private static ChatCompletionStreamOptions withUsage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }

    @Test
    void cohere_chat_goes_to_v2_chat_and_reports_billed_usage() {
        gateway.upstream
                .on("/cohere" + CohereWire.CHAT_PATH)
                .reply(Answer.json(200, CohereWire.chat("Hello from Cohere!", 5, 4)));

        ChatCompletion completion =
                client.chat().completions().create(chat("command-r").topP(0.5).build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Cohere!");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(9);
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer co-e2e-key");
        assertThat(sent.bodyAsJson().getString("model")).isEqualTo("command-r-plus");
        assertThat(sent.bodyAsJson().getDouble("p")).isEqualTo(0.5);
    }

    @Test
    void cohere_streams_its_events_as_chat_chunks_with_usage() {
        gateway.upstream.on("/cohere" + CohereWire.CHAT_PATH).reply(CohereWire.stream("One two three", 3, 4, 3));
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        String text = streamedText(chat("command-r").streamOptions(withUsage()).build(), chunks);

        assertThat(text).isEqualTo("One two three");
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens())
                .isEqualTo(7);
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getBoolean("stream"))
                .isTrue();
    }

    @Test
    void cohere_embeddings_go_to_v2_embed() {
        gateway.upstream.on("/cohere" + CohereWire.EMBED_PATH).reply(Answer.json(200, CohereWire.embed(2, 5)));

        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("cohere-embed")
                        .inputOfArrayOfStrings(List.of("a", "b"))
                        .build());

        assertThat(embeddings.data()).hasSize(2);
        assertThat(embeddings.data().get(0).embedding()).hasSize(5);
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("input_type"))
                .isEqualTo("search_document");
    }

    @Test
    void a_cohere_rate_limit_is_a_429_and_legacy_completions_a_clear_400() {
        gateway.upstream
                .on("/cohere" + CohereWire.CHAT_PATH)
                .reply(CohereWire.error(429, "You are using a Trial key, which is limited to 20 API calls / minute."));

        RateLimitException limited = catchThrowableOfType(
                RateLimitException.class,
                () -> client.chat().completions().create(chat("command-r").build()));
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> client.completions()
                .create(CompletionCreateParams.builder()
                        .model("command-r")
                        .prompt("Hi")
                        .build()));

        assertThat(limited.getMessage())
                .contains("litellm.RateLimitError: CohereException - You are using a Trial key");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("cohere does not support completions");
    }

    @Test
    void ollama_chat_goes_to_api_chat_with_options_and_streams_ndjson() {
        gateway.upstream
                .on("/ollama" + OllamaWire.CHAT_PATH)
                .reply(
                        Answer.json(200, OllamaWire.chat("llama3.2", "Hello from Ollama!", 26, 5)),
                        OllamaWire.chatStream("llama3.2", "The sky is blue", 4, 26, 4));

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("llama-chat").maxCompletionTokens(30).build());
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        String text = streamedText(chat("llama-chat").streamOptions(withUsage()).build(), chunks);

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Ollama!");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(31);
        assertThat(sent.getBoolean("stream")).isFalse();
        assertThat(sent.getJsonObject("options"))
                .isEqualTo(new JsonObject().put("num_ctx", 8192).put("num_predict", 30));
        assertThat(text).isEqualTo("The sky is blue");
        assertThat(chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens())
                .isEqualTo(30);
    }

    @Test
    void an_ollama_error_line_mid_stream_ends_the_stream_with_one_error_event_and_no_done() throws Exception {
        gateway.upstream
                .on("/ollama" + OllamaWire.CHAT_PATH)
                .reply(Answer.sse(
                                List.of(
                                        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28Z\","
                                                + "\"message\":{\"role\":\"assistant\",\"content\":\"Partial\"},\"done\":false}\n",
                                        "{\"error\":\"an unknown error was encountered while running the model\"}\n"),
                                java.time.Duration.ZERO)
                        .header("content-type", "application/x-ndjson"));

        java.net.http.HttpResponse<String> response = new E2eClient(gateway, "sk-master-native")
                .chat(E2eClient.chatBody("llama-chat").put("stream", true));
        List<String> data = E2eClient.sseData(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(E2eClient.streamedContent(response.body())).isEqualTo("Partial");
        assertThat(data).doesNotContain("[DONE]");
        assertThat(data.stream().filter(event -> event.contains("\"error\""))).hasSize(1);
        JsonObject error = new JsonObject(data.get(data.size() - 1)).getJsonObject("error");
        assertThat(error.getString("message"))
                .contains("OllamaException - an unknown error was encountered while running the model");
    }

    @Test
    void ollama_tool_calls_come_back_with_ids_and_encoded_arguments() {
        gateway.upstream
                .on("/ollama" + OllamaWire.CHAT_PATH)
                .reply(Answer.json(
                        200, OllamaWire.toolCall("llama3.2", "get_weather", new JsonObject().put("city", "Oslo"))));
        List<Map<String, Object>> tools = List.of(Map.of(
                "type", "function", "function", Map.of("name", "get_weather", "parameters", Map.of("type", "object"))));

        ChatCompletion completion = client.chat()
                .completions()
                .create(chat("llama-chat")
                        .putAdditionalBodyProperty("tools", JsonValue.from(tools))
                        .build());

        ChatCompletionMessageToolCall call =
                completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().id()).startsWith("call_");
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getJsonArray("tools"))
                .hasSize(1);
    }

    @Test
    void ollama_models_answer_chat_through_api_generate_and_legacy_completions_too() {
        gateway.upstream
                .on("/ollama" + OllamaWire.GENERATE_PATH)
                .reply(
                        Answer.json(200, OllamaWire.generate("llama3.2", "Generated hello.", 12, 3)),
                        OllamaWire.generateStream("llama3.2", "Streamed completion", 2, 5, 2));

        ChatCompletion completion =
                client.chat().completions().create(chat("llama-generate").build());
        String prompt = gateway.upstream.lastRequest().bodyAsJson().getString("prompt");
        StringBuilder completed = new StringBuilder();
        try (StreamResponse<Completion> stream = client.completions()
                .createStreaming(CompletionCreateParams.builder()
                        .model("llama-generate")
                        .prompt("Complete this")
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> completed.append(choice.text())));
        }

        assertThat(completion.choices().get(0).message().content()).contains("Generated hello.");
        assertThat(prompt).isEqualTo("### User:\nSay hello\n\n");
        assertThat(completed.toString()).isEqualTo("Streamed completion");
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getString("prompt"))
                .isEqualTo("Complete this");
    }

    @Test
    void ollama_embeddings_go_to_api_embed_and_a_missing_model_is_a_404() {
        gateway.upstream
                .on("/ollama" + OllamaWire.EMBED_PATH)
                .reply(Answer.json(200, OllamaWire.embed("all-minilm", 2, 4)));
        gateway.upstream
                .on("/ollama-missing" + OllamaWire.CHAT_PATH)
                .reply(OllamaWire.error(404, "model \"llama9\" not found, try pulling it first"));

        CreateEmbeddingResponse embeddings = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("ollama-embed")
                        .inputOfArrayOfStrings(List.of("a", "b"))
                        .build());
        NotFoundException missing = catchThrowableOfType(
                NotFoundException.class,
                () -> client.chat().completions().create(chat("llama-missing").build()));

        assertThat(embeddings.data()).hasSize(2);
        assertThat(embeddings.usage().promptTokens()).isEqualTo(8);
        assertThat(missing.getMessage()).contains("OllamaException - model \"llama9\" not found");
    }

    @Test
    void a_tgi_endpoint_streams_openai_chunks_and_its_length_error_is_a_context_window_error() {
        gateway.upstream
                .on("/tgi/v1/chat/completions")
                .reply(
                        OpenAiWire.chat("tgi").content("TGI says hi").streamAnswer(3, false),
                        Answer.json(
                                422,
                                new JsonObject()
                                        .put(
                                                "error",
                                                "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. "
                                                        + "Given: 4000 `inputs` tokens and 200 `max_new_tokens`")
                                        .put("error_type", "validation")));

        String text = streamedText(chat("hf-endpoint").build(), new ArrayList<>());
        BadRequestException tooLong = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat().completions().create(chat("hf-endpoint").build()));

        assertThat(text).isEqualTo("TGI says hi");
        assertThat(gateway.upstream.requests("/tgi/v1/chat/completions").get(0).header("authorization"))
                .isEqualTo("Bearer hf_e2e_token");
        assertThat(tooLong.getMessage()).contains("litellm.ContextWindowExceededError: HuggingfaceException");
    }

    @Test
    void codestral_speaks_openai_format_and_keeps_mistrals_validation_errors() {
        gateway.upstream
                .on("/codestral/v1/chat/completions")
                .reply(
                        OpenAiWire.ok("def hello(): pass"),
                        Answer.json(
                                422,
                                new JsonObject()
                                        .put("object", "error")
                                        .put(
                                                "message",
                                                new JsonObject().put("detail", "Extra inputs are not permitted"))
                                        .put("type", "invalid_request_message_error")));

        ChatCompletion completion =
                client.chat().completions().create(chat("codestral").build());
        OpenAIServiceException invalid = catchThrowableOfType(
                OpenAIServiceException.class,
                () -> client.chat().completions().create(chat("codestral").build()));

        assertThat(completion.choices().get(0).message().content()).contains("def hello(): pass");
        assertThat(gateway.upstream
                        .requests("/codestral/v1/chat/completions")
                        .get(0)
                        .header("authorization"))
                .isEqualTo("Bearer cs-e2e-key");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.getMessage()).contains("Extra inputs are not permitted");
    }
}
