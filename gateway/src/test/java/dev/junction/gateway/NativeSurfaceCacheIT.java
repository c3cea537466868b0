package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache on answers relayed natively, on a two-node cluster: an Anthropic deployment's answers on
 * {@code /v1/messages} and an OpenAI or Azure deployment's on {@code /v1/responses} are cached as the API wrote
 * them, and served on either node in that API's format, as JSON or as its own events, through the official
 * Anthropic and OpenAI SDKs, without any upstream call.
 */
class NativeSurfaceCacheIT {
    private static final String MASTER = "sk-master-cache";
    private static final String ANTHROPIC = "/anthropic" + AnthropicWire.MESSAGES_PATH;
    private static final String OPENAI = "/chat/v1/responses";
    private static final String AZURE = "/azure/openai/responses";
    private static GatewayHarness a;
    private static GatewayHarness b;
    private static AnthropicClient anthropicA;
    private static AnthropicClient anthropicB;
    private static OpenAIClient openAiA;
    private static OpenAIClient openAiB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-native-cache-" + UUID.randomUUID();
        a = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("native-cache-a"));
        b = GatewayHarness.start("/e2e/cache.yaml", Map.of(), cluster, Files.createTempDirectory("native-cache-b"));
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        anthropicA = anthropic(a);
        anthropicB = anthropic(b);
        openAiA = a.openAi(MASTER);
        openAiB = b.openAi(MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        openAiA.close();
        openAiB.close();
        b.close();
        a.close();
    }

    private static AnthropicClient anthropic(GatewayHarness node) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(node.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @BeforeEach
    void resetUpstreams() {
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream.reset();
            node.upstream
                    .on(ANTHROPIC)
                    .replyAlways(AnthropicWire.message("claude-3-5-sonnet-20241022")
                            .text("Native words from upstream " + node.upstream.port())
                            .toolUse("toolu_01", "get_weather", new JsonObject().put("city", "Oslo"))
                            .usage(12, 7)
                            .answer());
            for (String path : List.of(OPENAI, AZURE)) {
                node.upstream
                        .on(path)
                        .replyAlways(OpenAiWire.response("gpt-4o-2024-08-06")
                                .id("resp_native_" + node.upstream.port())
                                .text("Native response from upstream " + node.upstream.port())
                                .usage(9, 4)
                                .answer());
            }
        }
    }

    private static int upstreamCalls(String path) {
        return a.upstream.requests(path).size() + b.upstream.requests(path).size();
    }

    private static String prompt() {
        return "Tell me about native caching " + UUID.randomUUID();
    }

    private static MessageCreateParams message(String prompt) {
        return MessageCreateParams.builder()
                .model("claude")
                .maxTokens(256)
                .system("You are terse.")
                .addUserMessage(prompt)
                .build();
    }

    private static Message streamed(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static String text(Message message) {
        return message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(block -> block.text())
                .collect(Collectors.joining());
    }

    private static Object toolInput(Message message) {
        return message.content().stream()
                .flatMap(block -> block.toolUse().stream())
                .map(block -> block._input().convert(Map.class))
                .findFirst()
                .orElse(null);
    }

    @Test
    void an_anthropic_deployments_message_is_served_from_the_cache_on_the_other_node_as_json_and_as_events()
            throws Exception {
        String prompt = prompt();
        HttpResponseFor<Message> miss = anthropicA.messages().withRawResponse().create(message(prompt));
        HttpResponseFor<Message> hit = anthropicB.messages().withRawResponse().create(message(prompt));
        Message streamedHit = streamed(anthropicA, message(prompt));

        assertThat(upstreamCalls(ANTHROPIC)).isEqualTo(1);
        Message original = miss.parse();
        assertThat(hit.parse()).isEqualTo(original);
        assertThat(text(original)).isEqualTo("Native words from upstream " + a.upstream.port());
        assertThat(hit.headers().values("x-litellm-response-cost")).containsExactly("0.0");
        assertThat(hit.headers().values("x-litellm-cache-key"))
                .hasSize(1)
                .isEqualTo(miss.headers().values("x-litellm-cache-key"));
        assertThat(streamedHit.id()).isEqualTo(original.id());
        assertThat(text(streamedHit)).isEqualTo(text(original));
        assertThat(toolInput(streamedHit)).isEqualTo(Map.of("city", "Oslo"));
        assertThat(streamedHit.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(streamedHit.usage().inputTokens()).isEqualTo(12);
        assertThat(streamedHit.usage().outputTokens()).isEqualTo(7);

        AdminClient admin = new AdminClient(a, MASTER);
        JsonObject missRow =
                spendLogRow(admin, miss.headers().values("x-litellm-call-id").get(0));
        // Each node here keeps its own spend logs: the hit's row is on the node that answered it.
        JsonObject hitRow = spendLogRow(
                new AdminClient(b, MASTER),
                hit.headers().values("x-litellm-call-id").get(0));
        assertThat(missRow.getString("cache_hit")).isEqualTo("False");
        assertThat(missRow.getDouble("spend")).isGreaterThan(0);
        assertThat(hitRow.getString("cache_hit")).isEqualTo("True");
        assertThat(hitRow.getDouble("spend")).isZero();
    }

    private static JsonObject spendLogRow(AdminClient admin, String callId) throws Exception {
        JsonArray rows = admin.awaitList("/spend/logs?request_id=" + callId, list -> !list.isEmpty());
        assertThat(rows).as("spend log rows of " + callId).hasSize(1);
        return rows.getJsonObject(0);
    }

    @Test
    void an_anthropic_stream_is_stored_once_relayed_and_served_as_events_and_as_json() {
        String prompt = prompt();
        a.upstream
                .on(ANTHROPIC)
                .reply(AnthropicWire.message("claude-3-5-sonnet-20241022")
                        .text("Streamed natively once, then served from the cache.")
                        .usage(11, 9)
                        .streamAnswer(4));
        Message streamedMiss = streamed(anthropicA, message(prompt));
        Message streamedHit = streamed(anthropicB, message(prompt));
        Message jsonHit = anthropicB.messages().create(message(prompt));
        anthropicA.messages().create(message(prompt).toBuilder().maxTokens(100).build());

        assertThat(upstreamCalls(ANTHROPIC)).as("the changed max_tokens missed").isEqualTo(2);
        assertThat(text(streamedMiss)).isEqualTo("Streamed natively once, then served from the cache.");
        assertThat(text(streamedHit)).isEqualTo(text(streamedMiss));
        assertThat(text(jsonHit)).isEqualTo(text(streamedMiss));
        assertThat(jsonHit.id()).isEqualTo(streamedMiss.id());
        assertThat(jsonHit.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(jsonHit.usage().inputTokens()).isEqualTo(11);
        assertThat(jsonHit.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void cache_controls_and_cache_control_headers_apply_to_native_messages() {
        String prompt = prompt();
        MessageCreateParams noStore = message(prompt).toBuilder()
                .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("no-store", true)))
                .build();
        anthropicA.messages().create(noStore);
        anthropicB.messages().create(message(prompt));
        anthropicA.messages().create(message(prompt));
        assertThat(upstreamCalls(ANTHROPIC))
                .as("stored by the second call only")
                .isEqualTo(2);

        anthropicB
                .messages()
                .create(message(prompt).toBuilder()
                        .putAdditionalHeader("cache-control", "no-cache")
                        .build());
        assertThat(upstreamCalls(ANTHROPIC)).as("Cache-Control: no-cache").isEqualTo(3);

        HttpResponseFor<Message> spaced = anthropicA
                .messages()
                .withRawResponse()
                .create(message(prompt).toBuilder()
                        .putAdditionalBodyProperty("cache", JsonValue.from(Map.of("namespace", "team-a")))
                        .build());
        assertThat(spaced.headers().values("x-litellm-cache-key").get(0)).startsWith("team-a:");
        assertThat(upstreamCalls(ANTHROPIC)).as("another namespace misses").isEqualTo(4);
    }

    @Test
    void a_chat_request_with_the_same_key_is_not_answered_with_an_anthropic_message() throws Exception {
        JsonObject body = new JsonObject()
                .put("model", "claude")
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt())))
                .put("max_tokens", 64);
        HttpResponse<String> message = post(a, "/v1/messages", body);
        HttpResponse<String> chat = post(b, "/v1/chat/completions", body);

        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.headers().firstValue("x-litellm-cache-key"))
                .as("LiteLLM's key is made of the same fields")
                .isEqualTo(message.headers().firstValue("x-litellm-cache-key"));
        assertThat(upstreamCalls(ANTHROPIC)).isEqualTo(2);
        assertThat(new JsonObject(chat.body()).getString("object")).isEqualTo("chat.completion");
    }

    private static HttpResponse<String> post(GatewayHarness node, String path, JsonObject body) throws Exception {
        return node.post(path, body.encode(), "authorization", "Bearer " + MASTER, "content-type", "application/json");
    }

    @Test
    void an_openai_deployments_response_is_served_from_the_cache_with_an_id_of_its_own() {
        String prompt = prompt();
        var miss = openAiA.responses().withRawResponse().create(ask("gpt-4o", prompt));
        var hit = openAiB.responses().withRawResponse().create(ask("gpt-4o", prompt));
        List<String> types = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        Response completed = streamedResponse(openAiA, ask("gpt-4o", prompt), types, deltas);

        assertThat(upstreamCalls(OPENAI)).isEqualTo(1);
        Response original = miss.parse();
        Response answer = hit.parse();
        assertThat(original.id()).isEqualTo("resp_native_" + a.upstream.port());
        assertThat(text(answer)).isEqualTo("Native response from upstream " + a.upstream.port());
        assertThat(answer.usage().orElseThrow().inputTokens()).isEqualTo(9);
        assertThat(hit.headers().values("x-litellm-response-cost")).containsExactly("0.0");
        assertThat(hit.headers().values("x-litellm-cache-key"))
                .hasSize(1)
                .isEqualTo(miss.headers().values("x-litellm-cache-key"));
        // A hit is a response of its own, kept like any other: it can be fetched by its id on either node.
        assertThat(answer.id()).startsWith("resp_").isNotEqualTo(original.id());
        assertThat(text(openAiA.responses().retrieve(answer.id()))).isEqualTo(text(answer));
        assertThat(text(openAiB.responses().retrieve(original.id()))).isEqualTo(text(original));

        assertThat(types.get(0)).isEqualTo("response.created");
        assertThat(types).contains("response.output_item.added", "response.output_text.done");
        assertThat(types.get(types.size() - 1)).isEqualTo("response.completed");
        assertThat(deltas.toString()).isEqualTo(text(original));
        assertThat(completed.id()).isNotIn(original.id(), answer.id());
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(4);
        assertThat(text(openAiB.responses().retrieve(completed.id()))).isEqualTo(text(original));
    }

    @Test
    void a_streamed_azure_response_is_stored_and_served_again_as_json_and_as_events() {
        String prompt = prompt();
        a.upstream
                .on(AZURE)
                .reply(OpenAiWire.response("gpt-4o")
                        .id("resp_azure_stream")
                        .text("Streamed by Azure once, then served from the cache.")
                        .usage(8, 10)
                        .streamAnswer(3));
        StringBuilder missDeltas = new StringBuilder();
        Response streamedMiss = streamedResponse(openAiA, ask("azure-gpt", prompt), new ArrayList<>(), missDeltas);
        Response jsonHit = openAiB.responses().create(ask("azure-gpt", prompt));
        StringBuilder hitDeltas = new StringBuilder();
        Response streamedHit = streamedResponse(openAiB, ask("azure-gpt", prompt), new ArrayList<>(), hitDeltas);
        openAiA.responses()
                .create(ask("azure-gpt", prompt).toBuilder()
                        .instructions("Be brief.")
                        .build());

        assertThat(upstreamCalls(AZURE)).as("the changed instructions missed").isEqualTo(2);
        assertThat(streamedMiss.id()).isEqualTo("resp_azure_stream");
        assertThat(missDeltas.toString()).isEqualTo("Streamed by Azure once, then served from the cache.");
        assertThat(text(jsonHit)).isEqualTo(missDeltas.toString());
        assertThat(jsonHit.usage().orElseThrow().outputTokens()).isEqualTo(10);
        assertThat(hitDeltas.toString()).isEqualTo(missDeltas.toString());
        assertThat(text(streamedHit)).isEqualTo(missDeltas.toString());
        assertThat(List.of(jsonHit.id(), streamedHit.id()))
                .doesNotHaveDuplicates()
                .doesNotContain(streamedMiss.id());
    }

    private static Response streamedResponse(
            OpenAIClient client, ResponseCreateParams params, List<String> types, StringBuilder deltas) {
        Response completed = null;
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
                client.responses().createStreaming(params)) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                types.add(type(event));
                event.outputTextDelta().ifPresent(delta -> deltas.append(delta.delta()));
                if (event.completed().isPresent()) {
                    completed = event.completed().get().response();
                }
            }
        }
        assertThat(completed).as("a response.completed event").isNotNull();
        return completed;
    }

    /** The event's type, for those a message's stream is made of. */
    private static String type(ResponseStreamEvent event) {
        if (event.isCreated()) {
            return "response.created";
        } else if (event.isInProgress()) {
            return "response.in_progress";
        } else if (event.isOutputItemAdded()) {
            return "response.output_item.added";
        } else if (event.isContentPartAdded()) {
            return "response.content_part.added";
        } else if (event.isOutputTextDelta()) {
            return "response.output_text.delta";
        } else if (event.isOutputTextDone()) {
            return "response.output_text.done";
        } else if (event.isContentPartDone()) {
            return "response.content_part.done";
        } else if (event.isOutputItemDone()) {
            return "response.output_item.done";
        }
        return event.isCompleted() ? "response.completed" : "other";
    }

    private static ResponseCreateParams ask(String model, String prompt) {
        return ResponseCreateParams.builder().model(model).input(prompt).build();
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(outputText -> outputText.text())
                .collect(Collectors.joining());
    }
}
