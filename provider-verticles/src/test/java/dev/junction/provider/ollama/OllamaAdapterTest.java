package dev.junction.provider.ollama;

import static dev.junction.provider.WireFixtures.payloads;
import static dev.junction.provider.WireFixtures.streamedContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaAdapterTest {
    private final OllamaAdapter adapter =
            new OllamaAdapter(Clock.fixed(Instant.ofEpochSecond(1_735_689_600L), ZoneOffset.UTC));

    private static Deployment ollama(String prefix, JsonObject params) {
        return WireFixtures.deployment(prefix, "llama3.2", "http://gpu:11434", null, params);
    }

    private static JsonObject conversation(boolean stream) {
        JsonArray parts = new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", "What is this?"))
                .add(new JsonObject()
                        .put("type", "image_url")
                        .put("image_url", new JsonObject().put("url", "data:image/png;base64,iVBORw0KGgo=")));
        return new JsonObject()
                .put("model", "llama")
                .put("stream", stream)
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", "Be brief."))
                                .add(new JsonObject().put("role", "user").put("content", parts))
                                .add(new JsonObject().put("role", "assistant").put("content", "A logo."))
                                .add(new JsonObject().put("role", "user").put("content", "Whose?")))
                .put("max_tokens", 64)
                .put("temperature", 0.2)
                .put("frequency_penalty", 1.1)
                .put("stop", new JsonArray().add("###"))
                .put("response_format", new JsonObject().put("type", "json_object"))
                .put("tool_choice", "auto");
    }

    private static ProviderCall call(String prefix, Endpoint endpoint, JsonObject body) {
        return WireFixtures.call(endpoint, body, ollama(prefix, new JsonObject().put("num_ctx", 8192)));
    }

    @Test
    void ollama_chat_posts_api_chat_with_messages_images_and_options() {
        UpstreamRequest upstream =
                adapter.toUpstream(call("ollama_chat", Endpoint.CHAT_COMPLETIONS, conversation(false)));
        JsonObject body = upstream.body().toJsonObject();

        assertThat(upstream.url()).isEqualTo("http://gpu:11434/api/chat");
        assertThat(body.getBoolean("stream")).isFalse();
        assertThat(body.getString("format")).isEqualTo("json");
        assertThat(body.getJsonObject("options"))
                .isEqualTo(new JsonObject()
                        .put("num_ctx", 8192)
                        .put("num_predict", 64L)
                        .put("temperature", 0.2)
                        .put("repeat_penalty", 1.1)
                        .put("stop", new JsonArray().add("###")));
        JsonObject user = body.getJsonArray("messages").getJsonObject(1);
        assertThat(user)
                .isEqualTo(new JsonObject()
                        .put("role", "user")
                        .put("content", "What is this?")
                        .put("images", new JsonArray().add("iVBORw0KGgo=")));
        assertThat(body.fieldNames()).doesNotContain("tool_choice", "max_tokens", "messages_", "response_format");
    }

    @Test
    void ollama_chat_writes_the_conversation_as_one_generate_prompt_as_litellm_does() {
        UpstreamRequest upstream = adapter.toUpstream(call("ollama", Endpoint.CHAT_COMPLETIONS, conversation(false)));
        JsonObject body = upstream.body().toJsonObject();

        assertThat(upstream.url()).isEqualTo("http://gpu:11434/api/generate");
        assertThat(body.getString("prompt"))
                .isEqualTo("### System:\nBe brief.\n\n### User:\nWhat is this?\n\n### Assistant:\nA logo.\n\n"
                        + "### User:\nWhose?\n\n");
        assertThat(body.getJsonArray("images")).containsExactly("iVBORw0KGgo=");
    }

    @Test
    void chat_answers_become_chat_completions_with_ollama_counts() {
        ProviderCall chat = call("ollama_chat", Endpoint.CHAT_COMPLETIONS, conversation(false));

        ProviderReply.Complete reply = adapter.fromUpstream(chat, WireFixtures.buffer("ollama/chat.response.json"));
        JsonObject completion = reply.body().toJsonObject();

        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getString("model")).isEqualTo("llama3.2");
        assertThat(completion
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"))
                .isEqualTo("Hello! How are you today?");
        assertThat(reply.usage()).isEqualTo(new Usage(26, 298, 324));
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void tool_calls_get_ids_and_json_string_arguments() {
        ProviderCall chat = call("ollama_chat", Endpoint.CHAT_COMPLETIONS, conversation(false));

        ProviderReply.Complete reply =
                adapter.fromUpstream(chat, WireFixtures.buffer("ollama/chat-tool-calls.response.json"));
        JsonObject message = reply.body()
                .toJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message");

        JsonObject toolCall = message.getJsonArray("tool_calls").getJsonObject(0);
        assertThat(toolCall.getString("id")).startsWith("call_");
        assertThat(new JsonObject(toolCall.getJsonObject("function").getString("arguments")))
                .isEqualTo(new JsonObject().put("format", "celsius").put("location", "Paris, FR"));
        assertThat(message.getValue("content")).isNull();
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 4096})
    void an_ndjson_chat_stream_becomes_chunks_whatever_the_chunking(int chunkSize) {
        ProviderCall chat = call(
                "ollama_chat",
                Endpoint.CHAT_COMPLETIONS,
                conversation(true).put("stream_options", new JsonObject().put("include_usage", true)));
        StreamTranslator translator = adapter.streamTranslator(chat);

        List<String> frames = WireFixtures.translate(
                translator,
                WireFixtures.text("ollama/chat-stream.response.ndjson"),
                chunkSize,
                events -> adapter.streamDecoder(chat, events));
        List<Object> payloads = payloads(frames);

        assertThat(streamedContent(frames)).isEqualTo("The sky is blue – ☀");
        assertThat(((JsonObject) payloads.get(payloads.size() - 2)).getJsonObject("usage"))
                .isEqualTo(new Usage(26, 282, 308).toOpenAi());
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        assertThat(translator.failure()).isEmpty();
    }

    @Test
    void a_streamed_legacy_completion_comes_back_as_text_completion_chunks() {
        JsonObject request = new JsonObject()
                .put("model", "llama")
                .put("prompt", "Why is the sky blue?")
                .put("stream", true);
        ProviderCall completion = call("ollama", Endpoint.COMPLETIONS, request);
        StreamTranslator translator = adapter.streamTranslator(completion);

        List<Object> payloads = payloads(WireFixtures.translate(
                translator,
                WireFixtures.text("ollama/generate-stream.response.ndjson"),
                11,
                events -> adapter.streamDecoder(completion, events)));

        StringBuilder text = new StringBuilder();
        String finish = null;
        for (Object payload : payloads.subList(0, payloads.size() - 1)) {
            JsonObject chunk = (JsonObject) payload;
            assertThat(chunk.getString("object")).isEqualTo("text_completion");
            JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
            text.append(choice.getString("text"));
            finish = choice.getString("finish_reason", finish);
        }
        assertThat(text.toString()).isEqualTo("The sky");
        assertThat(finish).isEqualTo("length");
        assertThat(adapter.toUpstream(completion).body().toJsonObject().getString("prompt"))
                .isEqualTo("Why is the sky blue?");
    }

    @Test
    void a_stream_cut_before_done_ends_with_an_error_and_an_error_line_is_classified() {
        ProviderCall chat = call("ollama_chat", Endpoint.CHAT_COMPLETIONS, conversation(true));
        String ndjson = WireFixtures.text("ollama/chat-stream.response.ndjson");
        StreamTranslator cut = adapter.streamTranslator(chat);
        StreamTranslator failing = adapter.streamTranslator(chat);

        List<Object> cutPayloads = payloads(WireFixtures.translate(
                cut,
                ndjson.substring(0, ndjson.lastIndexOf("{\"model\"")),
                64,
                events -> adapter.streamDecoder(chat, events)));
        WireFixtures.translate(
                failing,
                "{\"error\":\"an unknown error was encountered while running the model\"}\n",
                64,
                events -> adapter.streamDecoder(chat, events));

        assertThat(cutPayloads).doesNotContain("[DONE]");
        assertThat(cut.failure()).get().extracting(GatewayException::kind).isEqualTo(ErrorKind.BAD_GATEWAY);
        assertThat(failing.failure()).get().satisfies(e -> assertThat(e.getMessage())
                .contains("OllamaException - an unknown error was encountered while running the model"));
    }

    @Test
    void embeddings_post_api_embed_and_come_back_with_the_prompt_count() {
        JsonObject request = new JsonObject()
                .put("model", "emb")
                .put("input", new JsonArray().add("a").add("b"));
        ProviderCall embed = call("ollama", Endpoint.EMBEDDINGS, request);

        UpstreamRequest upstream = adapter.toUpstream(embed);
        ProviderReply.Complete reply = adapter.fromUpstream(embed, WireFixtures.buffer("ollama/embed.response.json"));

        assertThat(upstream.url()).isEqualTo("http://gpu:11434/api/embed");
        assertThat(upstream.body().toJsonObject())
                .isEqualTo(new JsonObject()
                        .put("model", "llama3.2")
                        .put("input", new JsonArray().add("a").add("b")));
        assertThat(reply.usage()).isEqualTo(new Usage(8, 0, 8));
        assertThat(reply.body()
                        .toJsonObject()
                        .getJsonArray("data")
                        .getJsonObject(1)
                        .getJsonArray("embedding")
                        .getDouble(0))
                .isEqualTo(-0.0098027075);
    }

    @Test
    void a_missing_model_is_a_404_and_an_http_image_a_400() {
        GatewayException missing =
                adapter.classify(404, MultiMap.caseInsensitiveMultiMap(), WireFixtures.buffer("ollama/error-404.json"));
        JsonObject withUrl = conversation(false);
        withUrl.getJsonArray("messages")
                .getJsonObject(1)
                .getJsonArray("content")
                .getJsonObject(1)
                .put("image_url", new JsonObject().put("url", "https://example.com/a.png"));

        assertThat(missing.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(missing.getMessage())
                .isEqualTo(
                        "litellm.NotFoundError: OllamaException - model \"llama3.9\" not found, try pulling it first");
        assertThatThrownBy(() -> adapter.toUpstream(call("ollama_chat", Endpoint.CHAT_COMPLETIONS, withUrl)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("messages"));
    }
}
