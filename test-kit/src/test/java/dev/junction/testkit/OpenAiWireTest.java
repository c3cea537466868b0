package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {
    private static final String MODEL = "gpt-4o-2024-08-06";

    @Test
    void default_chat_body_equals_the_recorded_fixture() {
        assertThat(OpenAiWire.chat(MODEL).json()).isEqualTo(Fixtures.json("openai/chat-completion.json"));
    }

    @Test
    void tool_call_body_equals_the_recorded_fixture() {
        JsonObject body = OpenAiWire.chat(MODEL)
                .toolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "{\"location\":\"Paris, France\"}")
                .usage(66, 16)
                .json();

        assertThat(body).isEqualTo(Fixtures.json("openai/chat-completion-tool-calls.json"));
    }

    @Test
    void text_stream_has_role_chunk_content_pieces_finish_usage_and_done() {
        OpenAiChat chat = OpenAiWire.chat(MODEL).content("Hello world!").usage(7, 3);

        List<String> frames = chat.streamEvents(3, true);
        List<JsonObject> chunks = SseFrames.dataOf(frames);

        assertThat(frames).hasSize(7).last().isEqualTo(Sse.DONE);
        assertThat(delta(chunks.get(0)))
                .isEqualTo(new JsonObject("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"));
        assertThat(chunks.subList(1, 4).stream().map(c -> delta(c).getString("content")))
                .containsExactly("Hell", "o wo", "rld!");
        assertThat(chunks.get(4).getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("stop");
        assertThat(chunks.subList(0, 5)).allSatisfy(c -> {
            assertThat(c.containsKey("usage")).isTrue();
            assertThat(c.getValue("usage")).isNull();
            assertThat(c.getString("object")).isEqualTo("chat.completion.chunk");
        });
        JsonObject usageChunk = chunks.get(5);
        assertThat(usageChunk.getJsonArray("choices")).isEmpty();
        assertThat(usageChunk.getJsonObject("usage").getInteger("total_tokens")).isEqualTo(10);
    }

    @Test
    void stream_without_include_usage_has_no_usage_key() {
        List<JsonObject> chunks = SseFrames.dataOf(OpenAiWire.chat(MODEL).streamEvents(2, false));

        assertThat(chunks).hasSize(4).noneSatisfy(c -> assertThat(c.containsKey("usage"))
                .isTrue());
    }

    @Test
    void tool_call_stream_sends_header_then_argument_fragments_per_call() {
        OpenAiChat chat = OpenAiWire.chat(MODEL)
                .toolCall("call_1", "get_weather", "{\"location\":\"Paris\"}")
                .toolCall("call_2", "get_time", "{\"tz\":\"CET\"}");

        List<JsonObject> chunks = SseFrames.dataOf(chat.streamEvents(3, false));

        JsonObject first = delta(chunks.get(0));
        assertThat(first.getValue("content")).isNull();
        assertThat(first.getJsonArray("tool_calls").getJsonObject(0).getString("id"))
                .isEqualTo("call_1");
        assertThat(arguments(chunks, 0)).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(arguments(chunks, 1)).isEqualTo("{\"tz\":\"CET\"}");
        JsonObject secondHeader =
                delta(chunks.get(4)).getJsonArray("tool_calls").getJsonObject(0);
        assertThat(secondHeader.getInteger("index")).isEqualTo(1);
        assertThat(secondHeader.getJsonObject("function").getString("name")).isEqualTo("get_time");
        assertThat(chunks.get(chunks.size() - 1)
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getString("finish_reason"))
                .isEqualTo("tool_calls");
    }

    @Test
    void recorded_stream_fixtures_parse_and_carry_the_full_answer() {
        List<JsonObject> text = SseFrames.dataOf(Fixtures.sseEvents("openai/chat-stream.sse"));
        List<JsonObject> tool = SseFrames.dataOf(Fixtures.sseEvents("openai/chat-stream-tool-call.sse"));

        String content = text.stream()
                .filter(c -> !c.getJsonArray("choices").isEmpty())
                .map(c -> delta(c).getString("content", ""))
                .collect(Collectors.joining());
        assertThat(content).isEqualTo("Hello! How can I assist you today?");
        assertThat(arguments(tool, 0)).isEqualTo("{\"location\":\"Paris, France\"}");
    }

    @Test
    void legacy_completion_and_embeddings_have_their_object_types() {
        JsonObject completion = OpenAiWire.textCompletion("gpt-3.5-turbo-instruct", "Hi", 5, 7);
        JsonObject embeddings = OpenAiWire.embeddings("text-embedding-3-small", 2, 4);

        assertThat(completion.getString("object")).isEqualTo("text_completion");
        assertThat(completion.getJsonArray("choices").getJsonObject(0).getString("text"))
                .isEqualTo("Hi");
        assertThat(completion.getJsonObject("usage").getInteger("total_tokens")).isEqualTo(12);
        assertThat(embeddings.getString("object")).isEqualTo("list");
        assertThat(embeddings.getJsonArray("data")).hasSize(2);
        JsonObject second = embeddings.getJsonArray("data").getJsonObject(1);
        assertThat(second.getString("object")).isEqualTo("embedding");
        assertThat(second.getInteger("index")).isEqualTo(1);
        assertThat(second.getJsonArray("embedding")).hasSize(4).allSatisfy(v -> assertThat(v)
                .isInstanceOf(Double.class));
        assertThat(embeddings.getJsonObject("usage").getInteger("prompt_tokens"))
                .isEqualTo(16);
    }

    @Test
    void stream_error_frame_is_an_openai_error_object() {
        JsonObject error = SseFrames.data(OpenAiWire.streamError("boom", "server_error", null));

        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("server_error");
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    /** Concatenates the argument fragments of tool call {@code index}, as a client would. */
    private static String arguments(List<JsonObject> chunks, int index) {
        return chunks.stream()
                .filter(c -> !c.getJsonArray("choices").isEmpty())
                .map(OpenAiWireTest::delta)
                .filter(d -> d.containsKey("tool_calls"))
                .map(d -> d.getJsonArray("tool_calls").getJsonObject(0))
                .filter(call -> call.getInteger("index") == index)
                .map(call -> call.getJsonObject("function").getString("arguments"))
                .collect(Collectors.joining());
    }
}
