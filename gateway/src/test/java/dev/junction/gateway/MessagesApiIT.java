package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import dev.junction.router.tokens.TokenCounter;
import dev.junction.testkit.AnthropicMessage;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's Messages API on Junction, called with the official Anthropic Java SDK: passed through to an
 * Anthropic deployment, translated to chat and back for an OpenAI deployment, streamed and not, with tools.
 */
class MessagesApiIT {
    private static final String MASTER = "sk-master-surfaces";
    private static final String ANTHROPIC_PATH = "/anthropic" + AnthropicWire.MESSAGES_PATH;
    private static final String OPENAI_CHAT = "/openai" + OpenAiWire.CHAT_PATH;

    private static GatewayHarness gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/surfaces.yaml");
        client = anthropic(MASTER);
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

    private static AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city"))
                        .build())
                .build();
    }

    private static MessageCreateParams.Builder ask(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(512)
                .system("You are terse.")
                .addUserMessage("What is the weather in Paris?")
                .addTool(weatherTool());
    }

    @Test
    void an_anthropic_deployment_gets_the_request_as_sent_with_only_the_model_replaced() {
        AnthropicMessage answer = AnthropicWire.message("claude-3-5-sonnet-20241022")
                .id("msg_passthrough")
                .text("Let me check.")
                .toolUse("toolu_01", "get_weather", new JsonObject().put("city", "Paris"))
                .usage(31, 12);
        gateway.upstream.on(ANTHROPIC_PATH).reply(answer.answer());

        HttpResponseFor<Message> raw = client.messages()
                .withRawResponse()
                .create(ask("claude")
                        .putAdditionalHeader("anthropic-beta", "token-efficient-tools-2025-02-19")
                        .build());
        Message message = raw.parse();

        assertThat(message.id()).isEqualTo("msg_passthrough");
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Let me check.");
        assertThat(message.content().get(1).toolUse().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(31);
        assertThat(raw.headers().values("x-litellm-model-group")).containsExactly("claude");
        RecordedRequest sent = gateway.upstream.lastRequest();
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-surfaces");
        assertThat(sent.header("anthropic-beta")).isEqualTo("token-efficient-tools-2025-02-19");
        JsonObject body = sent.bodyAsJson();
        assertThat(body.getString("model")).isEqualTo("claude-3-5-sonnet-20241022");
        assertThat(body.getString("system")).isEqualTo("You are terse.");
        assertThat(body.getJsonArray("tools")
                        .getJsonObject(0)
                        .getJsonObject("input_schema")
                        .getJsonArray("required"))
                .containsExactly("city");
        assertThat(body.getInteger("max_tokens")).isEqualTo(512);
    }

    @Test
    void an_anthropic_stream_is_relayed_event_for_event() throws Exception {
        List<String> events = AnthropicWire.message("claude-3-5-sonnet-20241022")
                .text("Sunny and mild.")
                .streamEvents(3);
        gateway.upstream.on(ANTHROPIC_PATH).reply(dev.junction.testkit.Answer.sse(events, Duration.ZERO));
        JsonObject request = new JsonObject()
                .put("model", "claude")
                .put("max_tokens", 100)
                .put("stream", true)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Weather?")));

        HttpResponse<String> response =
                gateway.post("/v1/messages", request.encode(), "x-api-key", MASTER, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(response.body()).isEqualTo(String.join("", events));
        assertThat(gateway.upstream.lastRequest().bodyAsJson().getBoolean("stream"))
                .isTrue();
    }

    @Test
    void an_anthropic_stream_read_by_the_sdk_accumulates_text_and_tool_use() {
        gateway.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Checking.")
                        .toolUse("toolu_02", "get_weather", new JsonObject().put("city", "Paris"))
                        .streamAnswer(4));

        Message message = stream(ask("claude").build());

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Checking.");
        assertThat(message.content().get(1).toolUse().orElseThrow()._input().convert(Map.class))
                .isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void an_openai_deployment_gets_chat_and_its_tool_call_comes_back_as_tool_use() {
        gateway.upstream
                .on(OPENAI_CHAT)
                .reply(OpenAiWire.chat("gpt-4o-2024-08-06")
                        .toolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}")
                        .usage(40, 9)
                        .answer());

        Message message = client.messages().create(ask("gpt-4o").build());

        ContentBlock block = message.content().get(0);
        assertThat(block.toolUse().orElseThrow().id()).isEqualTo("call_abc");
        assertThat(block.toolUse().orElseThrow()._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(40);
        assertThat(message.usage().outputTokens()).isEqualTo(9);
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getString("model")).isEqualTo("gpt-4o");
        assertThat(sent.getInteger("max_tokens")).isEqualTo(512);
        assertThat(sent.getJsonArray("messages").getJsonObject(0))
                .isEqualTo(new JsonObject().put("role", "system").put("content", "You are terse."));
        JsonObject function = sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function");
        assertThat(function.getString("name")).isEqualTo("get_weather");
        assertThat(function.getJsonObject("parameters").getJsonArray("required"))
                .containsExactly("city");
    }

    @Test
    void a_conversation_with_tool_results_and_an_image_reaches_an_openai_deployment_in_chat_order() throws Exception {
        gateway.upstream.on(OPENAI_CHAT).reply(OpenAiWire.ok("It is sunny."));
        JsonObject toolUse = new JsonObject()
                .put("type", "tool_use")
                .put("id", "toolu_9")
                .put("name", "get_weather")
                .put("input", new JsonObject().put("city", "Paris"));
        JsonObject image = new JsonObject()
                .put("type", "image")
                .put(
                        "source",
                        new JsonObject()
                                .put("type", "base64")
                                .put("media_type", "image/png")
                                .put("data", "iVBORw0K"));
        JsonArray turns = new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "Weather in Paris?"))
                .add(new JsonObject().put("role", "assistant").put("content", new JsonArray().add(toolUse)))
                .add(new JsonObject()
                        .put("role", "user")
                        .put(
                                "content",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("type", "tool_result")
                                                .put("tool_use_id", "toolu_9")
                                                .put("content", "18C, sunny"))
                                        .add(image)
                                        .add(new JsonObject()
                                                .put("type", "text")
                                                .put("text", "And this photo?"))));
        JsonObject request =
                new JsonObject().put("model", "gpt-4o").put("max_tokens", 64).put("messages", turns);

        HttpResponse<String> response = gateway.post("/v1/messages", request.encode(), "x-api-key", MASTER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body())
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getString("text"))
                .isEqualTo("It is sunny.");
        JsonArray messages = gateway.upstream.lastRequest().bodyAsJson().getJsonArray("messages");
        assertThat(messages.stream()
                        .map(m -> ((JsonObject) m).getString("role"))
                        .collect(Collectors.toList()))
                .containsExactly("user", "assistant", "tool", "user");
        JsonObject call = messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getString("id")).isEqualTo("toolu_9");
        assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")))
                .isEqualTo(new JsonObject().put("city", "Paris"));
        assertThat(messages.getJsonObject(2).getString("tool_call_id")).isEqualTo("toolu_9");
        assertThat(messages.getJsonObject(2).getString("content")).isEqualTo("18C, sunny");
        JsonArray parts = messages.getJsonObject(3).getJsonArray("content");
        assertThat(parts.getJsonObject(0).getJsonObject("image_url").getString("url"))
                .isEqualTo("data:image/png;base64,iVBORw0K");
        assertThat(parts.getJsonObject(1).getString("text")).isEqualTo("And this photo?");
    }

    @Test
    void an_openai_stream_becomes_anthropic_events_with_the_stop_reason_and_usage_at_the_end() throws Exception {
        gateway.upstream
                .on(OPENAI_CHAT)
                .reply(OpenAiWire.chat("gpt-4o-2024-08-06")
                        .content("Sunny and mild.")
                        .usage(20, 6)
                        .streamAnswer(4, true));
        JsonObject request = new JsonObject()
                .put("model", "gpt-4o")
                .put("max_tokens", 100)
                .put("stream", true)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Weather?")));

        HttpResponse<String> response = gateway.post("/v1/messages", request.encode(), "x-api-key", MASTER);

        List<String> names = response.body()
                .lines()
                .filter(line -> line.startsWith("event: "))
                .map(line -> line.substring(7))
                .distinct()
                .toList();
        assertThat(names)
                .containsExactly(
                        "message_start",
                        "ping",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        JsonObject delta = dataOf(response.body(), "message_delta");
        assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(delta.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(6);
        assertThat(delta.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(20);
        JsonObject sent = gateway.upstream.lastRequest().bodyAsJson();
        assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage"))
                .isTrue();
    }

    @Test
    void an_openai_tool_call_stream_read_by_the_sdk_accumulates_as_tool_use() {
        gateway.upstream
                .on(OPENAI_CHAT)
                .reply(OpenAiWire.chat("gpt-4o-2024-08-06")
                        .toolCall("call_7", "get_weather", "{\"city\":\"Paris\"}")
                        .content("Checking.")
                        .usage(30, 11)
                        .streamAnswer(3, true));

        Message message = stream(ask("gpt-4o").build());

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Checking.");
        assertThat(message.content().get(1).toolUse().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(message.content().get(1).toolUse().orElseThrow()._input().convert(Map.class))
                .isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().outputTokens()).isEqualTo(11);
    }

    @Test
    void errors_are_in_anthropics_shape_on_this_surface() throws Exception {
        assertThatThrownBy(() ->
                        anthropic("sk-wrong").messages().create(ask("claude").build()))
                .isInstanceOf(UnauthorizedException.class);
        HttpResponse<String> noMaxTokens = gateway.post(
                "/v1/messages",
                new JsonObject()
                        .put("model", "claude")
                        .put(
                                "messages",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("content", "Hi")))
                        .encode(),
                "x-api-key",
                MASTER);
        assertThat(noMaxTokens.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(noMaxTokens.body());
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getJsonObject("error").getString("message")).contains("max_tokens");

        gateway.upstream.on(OPENAI_CHAT).reply(OpenAiWire.rateLimited());
        HttpResponse<String> limited = gateway.post(
                "/v1/messages",
                new JsonObject()
                        .put("model", "gpt-4o")
                        .put("max_tokens", 10)
                        .put(
                                "messages",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("content", "Hi")))
                        .encode(),
                "authorization",
                "Bearer " + MASTER);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(limited.body()).getJsonObject("error").getString("type"))
                .isEqualTo("rate_limit_error");
    }

    @Test
    void a_server_tool_is_refused_by_an_openai_deployment_and_passed_to_an_anthropic_one() throws Exception {
        JsonObject search = new JsonObject().put("type", "web_search_20250305").put("name", "web_search");
        JsonObject request = new JsonObject()
                .put("max_tokens", 100)
                .put("tools", new JsonArray().add(search))
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "News?")));
        gateway.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());

        HttpResponse<String> refused = gateway.post(
                "/v1/messages", request.copy().put("model", "gpt-4o").encode(), "x-api-key", MASTER);
        HttpResponse<String> passed = gateway.post(
                "/v1/messages", request.copy().put("model", "claude").encode(), "x-api-key", MASTER);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("message"))
                .contains("tools[0]")
                .contains("web_search_20250305");
        assertThat(gateway.upstream.requests(OPENAI_CHAT)).isEmpty();
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(gateway.upstream
                        .lastRequest()
                        .bodyAsJson()
                        .getJsonArray("tools")
                        .getJsonObject(0))
                .isEqualTo(search);
    }

    @Test
    void a_server_tool_in_a_mixed_group_goes_to_its_native_deployment_whichever_is_chosen_first() throws Exception {
        JsonObject request = new JsonObject()
                .put("model", "claude-mixed")
                .put("max_tokens", 100)
                .put(
                        "tools",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "web_search_20250305")
                                        .put("name", "web_search")))
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", "News?")));
        // Six calls: the shuffle picks the chat-only deployment first for some of them, which must pass it on.
        int calls = 6;
        gateway.upstream
                .on(ANTHROPIC_PATH)
                .replyAlways(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());

        for (int i = 0; i < calls; i++) {
            HttpResponse<String> answered = gateway.post("/v1/messages", request.encode(), "x-api-key", MASTER);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        }

        assertThat(gateway.upstream.requests(ANTHROPIC_PATH)).hasSize(calls);
        assertThat(gateway.upstream.requests(OPENAI_CHAT)).isEmpty();
    }

    @Test
    void an_overloaded_anthropic_group_falls_back_to_an_openai_group_and_the_sdk_reads_its_answer() {
        gateway.upstream.on("/overloaded" + AnthropicWire.MESSAGES_PATH).reply(AnthropicWire.overloaded());
        gateway.upstream
                .on(OPENAI_CHAT)
                .reply(OpenAiWire.chat("gpt-4o-2024-08-06")
                        .toolCall("call_fb", "get_weather", "{\"city\":\"Paris\"}")
                        .usage(30, 7)
                        .answer());

        HttpResponseFor<Message> raw = client.messages()
                .withRawResponse()
                .create(ask("claude-overloaded").build());

        Message message = raw.parse();
        assertThat(message.content().get(0).toolUse().orElseThrow().id()).isEqualTo("call_fb");
        assertThat(message.usage().outputTokens()).isEqualTo(7);
        assertThat(raw.headers().values("x-litellm-model-group")).containsExactly("gpt-4o");
        assertThat(raw.headers().values("x-litellm-attempted-fallbacks")).containsExactly("1");
        assertThat(gateway.upstream.requests("/overloaded" + AnthropicWire.MESSAGES_PATH))
                .hasSize(1);
        assertThat(gateway.upstream.requests(OPENAI_CHAT)).hasSize(1);
    }

    @Test
    void a_mock_response_answers_in_anthropics_format_without_any_upstream() {
        Message message = client.messages()
                .create(ask("claude")
                        .putAdditionalBodyProperty("mock_response", JsonValue.from("A canned answer."))
                        .build());
        Message streamed = stream(ask("gpt-4o")
                .putAdditionalBodyProperty("mock_response", JsonValue.from("A canned answer."))
                .build());

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("A canned answer.");
        assertThat(message.usage().outputTokens()).isEqualTo(20);
        assertThat(streamed.content().get(0).text().orElseThrow().text()).isEqualTo("A canned answer.");
        assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void count_tokens_counts_the_request_with_the_routers_tokenizer_without_calling_upstream() {
        long counted = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("gpt-4o")
                        .system("You are terse.")
                        .addUserMessage("What is the weather in Paris?")
                        .build())
                .inputTokens();

        JsonArray chat = new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "You are terse."))
                .add(new JsonObject().put("role", "user").put("content", "What is the weather in Paris?"));
        assertThat(counted).isEqualTo(TokenCounter.load().countMessages("gpt-4o", chat));
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void a_virtual_key_sent_as_x_api_key_is_held_to_its_models() throws Exception {
        HttpResponse<String> made = gateway.post(
                "/key/generate",
                new JsonObject().put("models", new JsonArray().add("claude")).encode(),
                "authorization",
                "Bearer " + MASTER);
        String key = new JsonObject(made.body()).getString("key");
        gateway.upstream
                .on(ANTHROPIC_PATH)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022").answer());
        AnthropicClient keyed = anthropic(key);

        Message allowed = keyed.messages().create(ask("claude").build());

        assertThat(allowed.content()).isNotEmpty();
        assertThatThrownBy(() -> keyed.messages().create(ask("gpt-4o").build()))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("gpt-4o");
        assertThat(gateway.upstream.requests(OPENAI_CHAT)).isEmpty();
        keyed.close();
    }

    @Test
    void a_malformed_turn_is_refused_naming_the_field() {
        assertThatThrownBy(() -> client.messages()
                        .create(MessageCreateParams.builder()
                                .model("gpt-4o")
                                .maxTokens(10)
                                .addUserMessage("Hi")
                                .putAdditionalBodyProperty(
                                        "messages", JsonValue.from(List.of(Map.of("role", "robot", "content", "Hi"))))
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages[0].role");
    }

    private static Message stream(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static JsonObject dataOf(String sse, String event) {
        String[] frames = sse.split("\n\n");
        for (String frame : frames) {
            if (frame.startsWith("event: " + event + "\n")) {
                return new JsonObject(frame.substring(frame.indexOf("data: ") + 6));
            }
        }
        throw new AssertionError("no " + event + " event in " + sse);
    }
}
