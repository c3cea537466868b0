package dev.junction.provider.anthropic;

import static dev.junction.provider.anthropic.AnthropicFixtures.CLOCK;
import static dev.junction.provider.anthropic.AnthropicFixtures.json;
import static dev.junction.provider.anthropic.AnthropicFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.provider.StreamTranslator;
import dev.junction.provider.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamTranslatorTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(CLOCK);

    @Test
    void a_recorded_text_stream_becomes_the_expected_chunks_then_usage_then_done() {
        StreamTranslator translator = translatorFor("simple-streaming.openai-request.json");

        List<String> frames =
                AnthropicFixtures.translate(translator, text("simple-streaming.anthropic-response.sse"), 4096);

        assertThat(parsed(frames)).containsExactlyElementsOf(expected("simple-streaming.openai-chunks.jsonl"));
        assertThat(translator.usage()).isEqualTo(new Usage(16, 38, 54));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100})
    void the_output_does_not_depend_on_how_the_network_splits_the_stream(int chunkSize) {
        String sse = text("simple-streaming.anthropic-response.sse");
        List<String> whole =
                AnthropicFixtures.translate(translatorFor("simple-streaming.openai-request.json"), sse, 1 << 20);

        List<String> split =
                AnthropicFixtures.translate(translatorFor("simple-streaming.openai-request.json"), sse, chunkSize);

        assertThat(split).isEqualTo(whole);
    }

    @Test
    void recorded_tool_calls_stream_with_their_ordinal_as_index_and_partial_arguments() {
        StreamTranslator translator = translatorFor("multi-tool-turn1.openai-request.json");

        List<String> frames =
                AnthropicFixtures.translate(translator, text("multi-tool-streaming.anthropic-response.sse"), 512);

        assertThat(parsed(frames)).containsExactlyElementsOf(expected("multi-tool-streaming.openai-chunks.jsonl"));
        assertThat(translator.usage()).isEqualTo(new Usage(502, 137, 639));
    }

    @Test
    void a_tool_call_after_a_text_block_is_tool_call_zero_and_its_arguments_add_up_to_the_input() {
        List<String> frames = AnthropicFixtures.translate(
                translatorFor("simple.openai-request.json"), text("tool-streaming.anthropic-response.sse"), 512);

        StringBuilder arguments = new StringBuilder();
        List<Integer> indexes = new ArrayList<>();
        for (JsonObject chunk : chunks(frames)) {
            JsonArray calls = delta(chunk).getJsonArray("tool_calls");
            if (calls != null) {
                indexes.add(calls.getJsonObject(0).getInteger("index"));
                arguments.append(
                        calls.getJsonObject(0).getJsonObject("function").getString("arguments"));
            }
        }
        assertThat(indexes).containsOnly(0);
        assertThat(new JsonObject(arguments.toString())).isEqualTo(new JsonObject().put("location", "Florence,Italy"));
    }

    @Test
    void every_chunk_carries_the_same_id_object_created_and_model() {
        List<String> frames = AnthropicFixtures.translate(
                translatorFor("simple.openai-request.json"), text("tool-streaming.anthropic-response.sse"), 512);

        assertThat(chunks(frames)).isNotEmpty().allSatisfy(chunk -> {
            assertThat(chunk.getString("id")).isEqualTo("msg_01Kgk6kMJLdJJC26r3uFwpRU");
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.getLong("created")).isEqualTo(1_735_689_600L);
            assertThat(chunk.getString("model")).isEqualTo("claude-sonnet-4-20250514");
        });
    }

    @Test
    void without_include_usage_the_stream_ends_with_the_finish_chunk_and_done() {
        List<String> frames = AnthropicFixtures.translate(
                translatorFor("simple.openai-request.json"), text("simple-streaming.anthropic-response.sse"), 512);

        assertThat(frames.get(frames.size() - 1)).isEqualTo("data: [DONE]\n\n");
        JsonObject last = new JsonObject(payloads(frames).get(frames.size() - 2));
        assertThat(last.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
                .isEqualTo("stop");
        assertThat(last.containsKey("usage")).isFalse();
    }

    @Test
    void an_error_event_mid_stream_fails_the_answer_and_nothing_comes_after_it() {
        AnthropicStreamTranslator translator =
                (AnthropicStreamTranslator) translatorFor("simple-streaming.openai-request.json");
        String lateText = "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}";

        List<String> frames =
                AnthropicFixtures.translate(translator, text("error-mid-stream.anthropic-response.sse"), 512);
        translator.onEvent(new SseEvent("content_block_delta", lateText), frame -> frames.add(frame.toString()));
        translator.onEnd(frame -> frames.add(frame.toString()));

        List<Object> payloads = parsed(frames);
        assertThat(payloads)
                .as("the stream writes the failure as its error event")
                .hasSize(2);
        assertThat(delta((JsonObject) payloads.get(1))).isEqualTo(new JsonObject().put("content", "Olá! ("));
        assertThat(frames).noneMatch(frame -> frame.contains("[DONE]") || frame.contains("late"));
        assertThat(translator.failure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("litellm.ServiceUnavailableError: AnthropicException - Overloaded");
        });
    }

    @Test
    void a_stream_cut_before_the_message_ended_fails_instead_of_ending_with_done() {
        String sse = text("simple-streaming.anthropic-response.sse");
        String cut = sse.substring(0, sse.indexOf("event: message_delta"));
        StreamTranslator translator = translatorFor("simple.openai-request.json");

        List<String> frames = AnthropicFixtures.translate(translator, cut, 512);

        assertThat(frames).noneMatch(frame -> frame.contains("[DONE]"));
        assertThat(translator.failure())
                .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
    }

    @Test
    void an_unreadable_event_fails_the_stream() {
        StreamTranslator translator = translatorFor("simple.openai-request.json");

        List<String> frames =
                AnthropicFixtures.translate(translator, "event: content_block_delta\ndata: {not json\n\n", 512);

        assertThat(frames).isEmpty();
        assertThat(translator.failure())
                .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("BadGatewayError"));
    }

    @Test
    void an_event_with_fields_of_the_wrong_type_fails_the_stream_instead_of_throwing() {
        String sse = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":\"one\","
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\"}}\n\n";
        StreamTranslator translator = translatorFor("simple.openai-request.json");

        List<String> frames = AnthropicFixtures.translate(translator, sse, 512);

        assertThat(frames).isEmpty();
        assertThat(translator.failure())
                .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("malformed stream event"));
    }

    private StreamTranslator translatorFor(String openAiRequest) {
        return adapter.streamTranslator(AnthropicFixtures.chat(json(openAiRequest)));
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    /** Each frame's payload: what follows {@code data: }, without the blank line. */
    private static List<String> payloads(List<String> frames) {
        return frames.stream()
                .peek(frame -> assertThat(frame).startsWith("data: ").endsWith("\n\n"))
                .map(frame -> frame.substring("data: ".length(), frame.length() - 2))
                .toList();
    }

    private static List<JsonObject> chunks(List<String> frames) {
        return payloads(frames).stream()
                .filter(payload -> !payload.equals("[DONE]"))
                .map(JsonObject::new)
                .toList();
    }

    /** Each payload as a JSON object (compared regardless of key order and spacing), or the text {@code [DONE]}. */
    private static List<Object> parsed(List<String> frames) {
        return payloads(frames).stream()
                .map(AnthropicStreamTranslatorTest::parse)
                .toList();
    }

    private static List<Object> expected(String jsonl) {
        return text(jsonl).lines().map(AnthropicStreamTranslatorTest::parse).toList();
    }

    private static Object parse(String payload) {
        return payload.equals("[DONE]") ? payload : new JsonObject(payload);
    }
}
