package dev.junction.provider.cohere;

import static dev.junction.provider.WireFixtures.payloads;
import static dev.junction.provider.WireFixtures.streamedContent;
import static dev.junction.provider.WireFixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.Secret;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.UpstreamRequest;
import dev.junction.provider.WireFixtures;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereAdapterTest {
    private static final String KEY = "co-test-0123456789abcdef";
    private final CohereAdapter adapter =
            new CohereAdapter(Clock.fixed(Instant.ofEpochSecond(1_735_689_600L), ZoneOffset.UTC));

    private static Deployment cohere(String prefix, String model, JsonObject params) {
        return WireFixtures.deployment(prefix, model, "https://api.cohere.com", Secret.of(KEY), params);
    }

    private static ProviderCall chat(JsonObject body) {
        return WireFixtures.call(
                Endpoint.CHAT_COMPLETIONS, body, cohere("cohere_chat", "command-r-plus", new JsonObject()));
    }

    private static JsonObject conversation() {
        return new JsonObject()
                .put("model", "command")
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", "Be brief."))
                                .add(new JsonObject().put("role", "user").put("content", "Weather in Toronto?"))
                                .add(
                                        new JsonObject()
                                                .put("role", "assistant")
                                                .putNull("content")
                                                .put(
                                                        "tool_calls",
                                                        new JsonArray()
                                                                .add(
                                                                        new JsonObject()
                                                                                .put("id", "call_1")
                                                                                .put("type", "function")
                                                                                .put(
                                                                                        "function",
                                                                                        new JsonObject()
                                                                                                .put(
                                                                                                        "name",
                                                                                                        "get_weather")
                                                                                                .put(
                                                                                                        "arguments",
                                                                                                        "{\"location\":\"Toronto\"}")))))
                                .add(new JsonObject()
                                        .put("role", "tool")
                                        .put("tool_call_id", "call_1")
                                        .put("content", "-5C")))
                .put("top_p", 0.8)
                .put("top_k", 20)
                .put("max_tokens", 100)
                .put("stop", "END")
                .put(
                        "tools",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "function")
                                        .put("function", new JsonObject().put("name", "get_weather"))))
                .put("tool_choice", "required")
                .put("response_format", new JsonObject().put("type", "json_object"))
                .put("n", 2)
                .put("metadata", new JsonObject().put("x", 1));
    }

    @Test
    void chat_posts_v2_chat_with_cohere_names_for_parameters_and_a_bearer_key() {
        UpstreamRequest upstream = adapter.toUpstream(chat(conversation()));
        JsonObject body = upstream.body().toJsonObject();

        assertThat(upstream.url()).isEqualTo("https://api.cohere.com/v2/chat");
        assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(body.getString("model")).isEqualTo("command-r-plus");
        assertThat(body.getDouble("p")).isEqualTo(0.8);
        assertThat(body.getInteger("k")).isEqualTo(20);
        assertThat(body.getLong("max_tokens")).isEqualTo(100);
        assertThat(body.getJsonArray("stop_sequences")).containsExactly("END");
        assertThat(body.getString("tool_choice")).isEqualTo("REQUIRED");
        assertThat(body.getJsonObject("response_format")).isEqualTo(new JsonObject().put("type", "json_object"));
        assertThat(body.fieldNames()).doesNotContain("n", "metadata", "stream", "top_p", "stop");
        JsonArray messages = body.getJsonArray("messages");
        assertThat(messages.getJsonObject(2).containsKey("content")).isFalse();
        assertThat(messages.getJsonObject(2).getJsonArray("tool_calls")).hasSize(1);
        assertThat(messages.getJsonObject(3))
                .isEqualTo(new JsonObject()
                        .put("role", "tool")
                        .put("tool_call_id", "call_1")
                        .put("content", "-5C"));
    }

    @Test
    void an_answer_becomes_a_chat_completion_billed_as_cohere_bills() {
        ProviderReply.Complete reply =
                adapter.fromUpstream(chat(conversation()), WireFixtures.buffer("cohere/chat.response.json"));
        JsonObject completion = reply.body().toJsonObject();

        assertThat(completion.getString("id")).isEqualTo("c14c80c3-18eb-4519-9460-6c92edd8cfb4");
        assertThat(completion.getString("model")).isEqualTo("command-r-plus");
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message").getString("content"))
                .isEqualTo("LLMs are neural networks trained on large amounts of text.");
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        assertThat(reply.usage()).isEqualTo(new Usage(17, 12, 29));
    }

    @Test
    void a_tool_call_answer_keeps_the_call_and_finishes_with_tool_calls() {
        ProviderReply.Complete reply =
                adapter.fromUpstream(chat(conversation()), WireFixtures.buffer("cohere/chat-tool-calls.response.json"));
        JsonObject message = reply.body()
                .toJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message");

        assertThat(message.getValue("content")).isNull();
        assertThat(message.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function"))
                .isEqualTo(new JsonObject().put("name", "get_weather").put("arguments", "{\"location\":\"Toronto\"}"));
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void a_stream_of_cohere_events_becomes_chunks_with_usage_when_asked() {
        JsonObject request =
                conversation().put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        StreamTranslator translator = adapter.streamTranslator(chat(request));

        List<String> frames = translate(translator, WireFixtures.text("cohere/chat-stream.response.sse"), 9);
        List<Object> payloads = payloads(frames);

        assertThat(streamedContent(frames)).isEqualTo("Hello there!");
        assertThat(((JsonObject) payloads.get(0)).getString("id")).isEqualTo("29f14a5a-11de-4cae-9800-25e4747408ea");
        assertThat(((JsonObject) payloads.get(payloads.size() - 2)).getJsonObject("usage"))
                .isEqualTo(new Usage(3, 3, 6).toOpenAi());
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        assertThat(translator.usage()).isEqualTo(new Usage(3, 3, 6));
    }

    @Test
    void a_streamed_tool_call_arrives_as_openai_tool_call_deltas() {
        StreamTranslator translator =
                adapter.streamTranslator(chat(conversation().put("stream", true)));

        List<Object> payloads =
                payloads(translate(translator, WireFixtures.text("cohere/chat-stream-tool-calls.response.sse"), 32));

        StringBuilder arguments = new StringBuilder();
        String name = null;
        String finish = null;
        for (Object payload : payloads) {
            if (payload instanceof JsonObject chunk
                    && !chunk.getJsonArray("choices").isEmpty()) {
                JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
                finish = choice.getString("finish_reason", finish);
                JsonArray calls = choice.getJsonObject("delta").getJsonArray("tool_calls");
                if (calls != null) {
                    JsonObject call = calls.getJsonObject(0);
                    assertThat(call.getInteger("index")).isZero();
                    JsonObject function = call.getJsonObject("function");
                    name = function.getString("name", name);
                    arguments.append(function.getString("arguments", ""));
                }
            }
        }
        assertThat(name).isEqualTo("get_weather");
        assertThat(new JsonObject(arguments.toString())).isEqualTo(new JsonObject().put("location", "Toronto"));
        assertThat(finish).isEqualTo("tool_calls");
    }

    @Test
    void a_stream_without_message_end_ends_with_an_error_not_done() {
        String sse = WireFixtures.text("cohere/chat-stream.response.sse");
        StreamTranslator translator =
                adapter.streamTranslator(chat(conversation().put("stream", true)));

        List<Object> payloads =
                payloads(translate(translator, sse.substring(0, sse.indexOf("event: message-end")), 64));

        assertThat(payloads).doesNotContain("[DONE]");
        assertThat(translator.failure()).isPresent();
    }

    @Test
    void embeddings_post_v2_embed_with_a_default_input_type_and_come_back_billed() {
        Deployment embedder = cohere("cohere", "embed-english-v3.0", new JsonObject());
        JsonObject request = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("hello").add("goodbye"));
        ProviderCall call = WireFixtures.call(Endpoint.EMBEDDINGS, request, embedder);

        UpstreamRequest upstream = adapter.toUpstream(call);
        ProviderReply.Complete reply = adapter.fromUpstream(call, WireFixtures.buffer("cohere/embed.response.json"));

        assertThat(upstream.url()).isEqualTo("https://api.cohere.com/v2/embed");
        assertThat(upstream.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put("model", "embed-english-v3.0")
                        .put("texts", new JsonArray().add("hello").add("goodbye"))
                        .put("input_type", "search_document")
                        .put("embedding_types", new JsonArray().add("float")));
        assertThat(reply.body().toJsonObject().getJsonArray("data")).hasSize(2);
        assertThat(reply.usage()).isEqualTo(new Usage(2, 0, 2));
    }

    @Test
    void cohere_errors_map_to_litellm_kinds_and_completions_are_refused() {
        GatewayException tooLong = adapter.classify(
                400, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("cohere/error-400-too-many-tokens.json"));
        GatewayException limited =
                adapter.classify(429, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("cohere/error-429.json"));

        assertThat(tooLong.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.getMessage())
                .startsWith("litellm.RateLimitError: CohereException - You are using a Trial key");
        assertThatThrownBy(() -> adapter.toUpstream(WireFixtures.call(
                        Endpoint.COMPLETIONS,
                        new JsonObject().put("model", "c").put("prompt", "Hi"),
                        cohere("cohere", "command", new JsonObject()))))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("cohere does not support completions");
    }
}
