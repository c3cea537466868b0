package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.testkit.Answer;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's Responses API on a two-node Junction cluster, called with the official OpenAI Java SDK: passed
 * through to OpenAI and Azure deployments, translated to chat for an Anthropic one, streamed and not, with
 * function calls; responses kept in the cluster, fetched, deleted and continued from either node.
 */
class ResponsesApiIT {
    private static final String MASTER = "sk-master-surfaces";
    private static final String OPENAI_RESPONSES = "/openai" + OpenAiWire.RESPONSES_PATH;
    private static final String ANTHROPIC_PATH = "/anthropic" + AnthropicWire.MESSAGES_PATH;

    private static GatewayHarness a;
    private static GatewayHarness b;
    private static OpenAIClient onA;
    private static OpenAIClient onB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-responses-" + UUID.randomUUID();
        a = GatewayHarness.start("/e2e/surfaces.yaml", Map.of(), cluster, null);
        b = GatewayHarness.start("/e2e/surfaces.yaml", Map.of(), cluster, null);
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        onA = a.openAi(MASTER);
        onB = b.openAi(MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        onA.close();
        onB.close();
        b.close();
        a.close();
    }

    @BeforeEach
    void resetUpstreams() {
        a.upstream.reset();
        b.upstream.reset();
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder()
                .name("get_weather")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();
    }

    private static ResponseCreateParams.Builder ask(String model, String input) {
        return ResponseCreateParams.builder().model(model).input(input);
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(outputText -> outputText.text())
                .reduce("", String::concat);
    }

    @Test
    void an_openai_deployment_gets_the_request_as_sent_and_its_response_is_kept() {
        a.upstream
                .on(OPENAI_RESPONSES)
                .reply(OpenAiWire.response("gpt-4o-2024-08-06")
                        .id("resp_native1")
                        .text("Hi there")
                        .answer());

        Response response = onA.responses()
                .create(ask("gpt-4o", "Hello")
                        .instructions("Be brief")
                        .maxOutputTokens(50)
                        .build());

        assertThat(response.id()).isEqualTo("resp_native1");
        assertThat(text(response)).isEqualTo("Hi there");
        RecordedRequest sent = a.upstream.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-openai-surfaces");
        assertThat(sent.bodyAsJson())
                .isEqualTo(new JsonObject()
                        .put("model", "gpt-4o")
                        .put("input", "Hello")
                        .put("instructions", "Be brief")
                        .put("max_output_tokens", 50));
        assertThat(text(onB.responses().retrieve("resp_native1"))).isEqualTo("Hi there");
    }

    @Test
    void an_openai_stream_is_relayed_event_for_event_and_kept() throws Exception {
        List<String> events = OpenAiWire.response("gpt-4o-2024-08-06")
                .id("resp_native_stream")
                .text("Streamed words here")
                .streamEvents(3);
        a.upstream.on(OPENAI_RESPONSES).reply(Answer.sse(events, Duration.ZERO));
        JsonObject request =
                new JsonObject().put("model", "gpt-4o").put("input", "Hello").put("stream", true);

        HttpResponse<String> response = a.post("/v1/responses", request.encode(), "authorization", "Bearer " + MASTER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.join("", events));
        assertThat(text(onB.responses().retrieve("resp_native_stream"))).isEqualTo("Streamed words here");
    }

    @Test
    void an_azure_deployment_gets_the_responses_request_at_its_own_url() {
        a.upstream
                .on("/azure/openai/responses")
                .reply(OpenAiWire.response("gpt-4o")
                        .id("resp_azure")
                        .text("From Azure")
                        .answer());

        Response response = onA.responses().create(ask("azure-gpt", "Hello").build());

        assertThat(text(response)).isEqualTo("From Azure");
        RecordedRequest sent = a.upstream.lastRequest();
        assertThat(sent.param("api-version")).isEqualTo("2025-03-01-preview");
        assertThat(sent.header("api-key")).isEqualTo("azure-surfaces");
        assertThat(sent.bodyAsJson().getString("model")).isEqualTo("prod-gpt4o");
    }

    @Test
    void an_anthropic_deployment_answers_a_translated_request_with_text_and_a_function_call() {
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Let me look.")
                        .toolUse("toolu_5", "get_weather", new JsonObject().put("city", "Paris"))
                        .usage(44, 17)
                        .answer());

        Response response = onA.responses()
                .create(ask("claude", "Weather in Paris?")
                        .instructions("Be brief")
                        .maxOutputTokens(64)
                        .temperature(0.3)
                        .addTool(weatherTool())
                        .build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isEqualTo("Let me look.");
        ResponseFunctionToolCall call = response.output().get(1).functionCall().orElseThrow();
        assertThat(call.callId()).isEqualTo("toolu_5");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(new JsonObject(call.arguments())).isEqualTo(new JsonObject().put("city", "Paris"));
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(44);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(17);
        JsonObject sent = a.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getJsonArray("system").getJsonObject(0).getString("text"))
                .isEqualTo("Be brief");
        assertThat(sent.getInteger("max_tokens")).isEqualTo(64);
        assertThat(sent.getDouble("temperature")).isEqualTo(0.3);
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("role"))
                .isEqualTo("user");
        assertThat(sent.getJsonArray("tools").getJsonObject(0).getString("name"))
                .isEqualTo("get_weather");
        assertThat(sent.getJsonArray("tools")
                        .getJsonObject(0)
                        .getJsonObject("input_schema")
                        .getString("type"))
                .isEqualTo("object");
    }

    @Test
    void a_translated_stream_has_the_responses_events_and_ends_with_the_whole_response() {
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Sunny today.")
                        .toolUse("toolu_6", "get_weather", new JsonObject().put("city", "Paris"))
                        .usage(12, 8)
                        .streamAnswer(3));
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<String> types = new ArrayList<>();
        Response completed;

        try (StreamResponse<ResponseStreamEvent> stream = onA.responses()
                .createStreaming(
                        ask("claude", "Weather?").addTool(weatherTool()).build())) {
            Response[] last = new Response[1];
            stream.stream().forEach(event -> {
                types.add(typeOf(event));
                event.outputTextDelta().ifPresent(delta -> text.append(delta.delta()));
                event.functionCallArgumentsDelta().ifPresent(delta -> arguments.append(delta.delta()));
                event.completed().ifPresent(done -> last[0] = done.response());
            });
            completed = last[0];
        }

        assertThat(types.get(0)).isEqualTo("response.created");
        assertThat(types.get(1)).isEqualTo("response.in_progress");
        assertThat(types.get(types.size() - 1)).isEqualTo("response.completed");
        assertThat(types)
                .contains(
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.output_item.done");
        assertThat(text.toString()).isEqualTo("Sunny today.");
        assertThat(new JsonObject(arguments.toString())).isEqualTo(new JsonObject().put("city", "Paris"));
        assertThat(text(completed)).isEqualTo("Sunny today.");
        assertThat(completed.output().get(1).functionCall().orElseThrow().callId())
                .isEqualTo("toolu_6");
        assertThat(completed.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(8);
        assertThat(text(onB.responses().retrieve(completed.id()))).isEqualTo("Sunny today.");
    }

    /** The event's type, for the events a translated stream has. */
    private static String typeOf(ResponseStreamEvent event) {
        Map<String, Boolean> seen = new java.util.LinkedHashMap<>();
        seen.put("response.created", event.created().isPresent());
        seen.put("response.in_progress", event.inProgress().isPresent());
        seen.put("response.output_item.added", event.outputItemAdded().isPresent());
        seen.put("response.content_part.added", event.contentPartAdded().isPresent());
        seen.put("response.output_text.delta", event.outputTextDelta().isPresent());
        seen.put("response.output_text.done", event.outputTextDone().isPresent());
        seen.put("response.content_part.done", event.contentPartDone().isPresent());
        seen.put(
                "response.function_call_arguments.delta",
                event.functionCallArgumentsDelta().isPresent());
        seen.put(
                "response.function_call_arguments.done",
                event.functionCallArgumentsDone().isPresent());
        seen.put("response.output_item.done", event.outputItemDone().isPresent());
        seen.put("response.completed", event.completed().isPresent());
        return seen.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("other");
    }

    @Test
    void previous_response_id_continues_on_the_other_node_across_deployments() {
        a.upstream
                .on(OPENAI_RESPONSES)
                .reply(OpenAiWire.response("gpt-4o-2024-08-06")
                        .id("resp_turn1")
                        .text("Hello Ada.")
                        .answer());
        b.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Ada.")
                        .answer());

        Response first = onA.responses().create(ask("gpt-4o", "My name is Ada.").build());
        Response second = onB.responses()
                .create(ask("claude", "What is my name?")
                        .previousResponseId(first.id())
                        .build());

        assertThat(text(second)).isEqualTo("Ada.");
        assertThat(second.previousResponseId()).contains("resp_turn1");
        JsonArray turns = b.upstream.lastRequest().bodyAsJson().getJsonArray("messages");
        assertThat(turns.size()).isEqualTo(3);
        assertThat(turns.getJsonObject(0)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getString("text"))
                .isEqualTo("My name is Ada.");
        assertThat(turns.getJsonObject(1).getString("role")).isEqualTo("assistant");
        assertThat(turns.getJsonObject(1)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getString("text"))
                .isEqualTo("Hello Ada.");
        assertThat(turns.getJsonObject(2)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getString("text"))
                .isEqualTo("What is my name?");
    }

    @Test
    void a_continued_native_request_carries_the_conversation_not_the_id() {
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Noted.")
                        .answer());
        b.upstream
                .on(OPENAI_RESPONSES)
                .reply(OpenAiWire.response("gpt-4o").text("Blue.").answer());

        Response first = onA.responses()
                .create(ask("claude", "My favourite colour is blue.").build());
        onB.responses()
                .create(ask("gpt-4o", "Which colour?")
                        .previousResponseId(first.id())
                        .build());

        JsonObject sent = b.upstream.lastRequest().bodyAsJson();
        assertThat(sent.containsKey("previous_response_id")).isFalse();
        JsonArray input = sent.getJsonArray("input");
        assertThat(input.getJsonObject(0).getString("content")).isEqualTo("My favourite colour is blue.");
        assertThat(input.getJsonObject(1).getString("type")).isEqualTo("message");
        assertThat(input.getJsonObject(1).getString("role")).isEqualTo("assistant");
        assertThat(input.getJsonObject(2).getString("content")).isEqualTo("Which colour?");
    }

    @Test
    void a_mock_response_streams_as_responses_events_without_any_upstream() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = onA.responses()
                .createStreaming(ask("gpt-4o", "Hi")
                        .putAdditionalBodyProperty("mock_response", JsonValue.from("A canned answer."))
                        .build())) {
            stream.stream().forEach(event -> event.outputTextDelta().ifPresent(delta -> text.append(delta.delta())));
        }

        assertThat(text.toString()).isEqualTo("A canned answer.");
        assertThat(a.upstream.requests()).isEmpty();
    }

    @Test
    void a_kept_response_is_deleted_from_either_node() throws Exception {
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());
        Response created = onA.responses().create(ask("claude", "Hi").build());

        HttpResponse<String> deleted = b.delete("/v1/responses/" + created.id(), "authorization", "Bearer " + MASTER);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(deleted.body()))
                .isEqualTo(new JsonObject()
                        .put("id", created.id())
                        .put("object", "response")
                        .put("deleted", true));
        assertThatThrownBy(() -> onA.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void text_format_becomes_response_format_for_a_chat_only_server() throws Exception {
        a.upstream.on("/vllm/v1/chat/completions").reply(OpenAiWire.ok("{\"city\":\"Paris\"}"));
        JsonObject schema = new JsonObject()
                .put("type", "json_schema")
                .put("name", "place")
                .put("strict", true)
                .put("schema", new JsonObject().put("type", "object"));
        JsonObject request = new JsonObject()
                .put("model", "llama")
                .put("input", "Where?")
                .put("text", new JsonObject().put("format", schema));

        HttpResponse<String> response = a.post("/v1/responses", request.encode(), "authorization", "Bearer " + MASTER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("text")).isEqualTo(request.getJsonObject("text"));
        JsonObject format = a.upstream.lastRequest().bodyAsJson().getJsonObject("response_format");
        assertThat(format.getString("type")).isEqualTo("json_schema");
        assertThat(format.getJsonObject("json_schema"))
                .isEqualTo(new JsonObject()
                        .put("name", "place")
                        .put("schema", new JsonObject().put("type", "object"))
                        .put("strict", true));
    }

    @Test
    void a_response_asked_not_to_be_stored_is_not_kept() {
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());

        Response created =
                onA.responses().create(ask("claude", "Hi").store(false).build());

        assertThatThrownBy(() -> onB.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_unknown_previous_response_is_refused_naming_the_field() throws Exception {
        JsonObject request = new JsonObject()
                .put("model", "claude")
                .put("input", "Hi")
                .put("previous_response_id", "resp_never_made");

        HttpResponse<String> refused = a.post("/v1/responses", request.encode(), "authorization", "Bearer " + MASTER);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo("previous_response_id");
        assertThat(error.getString("message")).contains("resp_never_made");
        assertThat(a.upstream.requests()).isEmpty();
    }

    @Test
    void a_built_in_tool_reaches_only_a_deployment_that_speaks_the_responses_api() throws Exception {
        a.upstream
                .on(OPENAI_RESPONSES)
                .reply(OpenAiWire.response("gpt-4o").text("News.").answer());
        JsonObject request = new JsonObject()
                .put("input", "News?")
                .put("tools", new JsonArray().add(new JsonObject().put("type", "web_search")));

        HttpResponse<String> refused = a.post(
                "/v1/responses", request.copy().put("model", "claude").encode(), "authorization", "Bearer " + MASTER);
        HttpResponse<String> passed = a.post(
                "/v1/responses", request.copy().put("model", "gpt-4o").encode(), "authorization", "Bearer " + MASTER);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("message"))
                .contains("tools[0]")
                .contains("web_search");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(a.upstream.requests(ANTHROPIC_PATH)).isEmpty();
    }

    @Test
    void a_keys_responses_are_invisible_to_another_key() throws Exception {
        String first = newKey(a);
        String second = newKey(a);
        a.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());
        OpenAIClient owner = a.openAi(first);
        Response created = owner.responses().create(ask("claude", "Hi").build());

        HttpResponse<String> stranger = b.get("/v1/responses/" + created.id(), "authorization", "Bearer " + second);
        HttpResponse<String> continued = b.post(
                "/v1/responses",
                new JsonObject()
                        .put("model", "claude")
                        .put("input", "Again")
                        .put("previous_response_id", created.id())
                        .encode(),
                "authorization",
                "Bearer " + second);

        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(continued.statusCode()).isEqualTo(400);
        assertThat(text(a.openAi(first).responses().retrieve(created.id()))).isNotEmpty();
        owner.close();
    }

    private static String newKey(GatewayHarness node) throws Exception {
        HttpResponse<String> made = node.post("/key/generate", "{}", "authorization", "Bearer " + MASTER);
        assertThat(made.statusCode()).isEqualTo(200);
        return new JsonObject(made.body()).getString("key");
    }
}
