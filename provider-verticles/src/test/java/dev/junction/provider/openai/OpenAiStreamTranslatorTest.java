package dev.junction.provider.openai;

import static dev.junction.provider.WireFixtures.dataFrames;
import static dev.junction.provider.WireFixtures.text;
import static dev.junction.provider.WireFixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.provider.sse.SseEvent;
import dev.junction.provider.sse.SseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiStreamTranslatorTest {
    private static final String DONE = "data: [DONE]\n\n";
    private static final int WHOLE = Integer.MAX_VALUE;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, WHOLE})
    void a_recorded_stream_comes_out_as_the_upstream_frames_whatever_the_network_chunking(int chunkSize) {
        String sse = text("openai/stream-include-usage.response.sse");

        List<String> frames = translate(translator(false), sse, chunkSize);

        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
        assertThat(frames.get(1)).contains("\"content\":\"Olá\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, WHOLE})
    void done_is_sent_exactly_once_and_last(int chunkSize) {
        List<String> frames = translate(translator(false), text("openai/stream-tool-calls.response.sse"), chunkSize);

        assertThat(frames).filteredOn(DONE::equals).hasSize(1);
        assertThat(frames.get(frames.size() - 1)).isEqualTo(DONE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, WHOLE})
    void done_is_added_when_the_upstream_omits_it(int chunkSize) {
        String sse = text("openai/stream-include-usage.response.sse");
        String withoutDone = sse.replace(DONE, "");

        List<String> frames = translate(translator(false), withoutDone, chunkSize);

        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
    }

    @Test
    void a_final_chunk_without_its_blank_line_is_still_forwarded_before_done() {
        String sse = text("openai/stream-include-usage.response.sse").replace(DONE, "");
        String cut = sse.substring(0, sse.length() - 2);

        List<String> frames = translate(translator(false), cut, WHOLE);

        assertThat(frames).containsExactlyElementsOf(dataFrames(text("openai/stream-include-usage.response.sse")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, WHOLE})
    void usage_is_recorded_from_the_include_usage_chunk(int chunkSize) {
        OpenAiStreamTranslator translator = translator(false);

        translate(translator, text("openai/stream-include-usage.response.sse"), chunkSize);

        assertThat(translator.usage()).isEqualTo(new Usage(20, 2, 22));
    }

    @Test
    void a_stream_without_include_usage_reports_no_usage_and_keeps_its_text_for_counting() {
        String sse = withoutUsageChunk(text("openai/stream-include-usage.response.sse"));
        OpenAiStreamTranslator translator = translator(true);

        List<String> frames = translate(translator, sse, 7);

        assertThat(translator.usage()).isEqualTo(Usage.NONE);
        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
        assertThat(frames).hasSize(5).last().isEqualTo(DONE);
        assertThat(translator.streamedText()).isEqualTo(contentOf(frames));
    }

    @Test
    void tool_call_names_and_arguments_are_kept_for_counting_when_no_usage_comes() {
        String sse = withoutUsageChunk(text("openai/stream-tool-calls.response.sse"));
        OpenAiStreamTranslator translator = translator(true);

        translate(translator, sse, WHOLE);

        assertThat(translator.usage()).isEqualTo(Usage.NONE);
        assertThat(translator.streamedText()).isEqualTo("add{\"a\": 2, \"b\": 3}multiply{\"a\": 2, \"b\": 3}");
    }

    @Test
    void the_text_is_dropped_once_the_upstream_reports_usage() {
        OpenAiStreamTranslator translator = translator(true);

        translate(translator, text("openai/stream-include-usage.response.sse"), WHOLE);

        assertThat(translator.usage()).isEqualTo(new Usage(20, 2, 22));
        assertThat(translator.streamedText()).isEmpty();
    }

    @Test
    void no_text_is_kept_when_the_client_asked_for_usage() {
        OpenAiStreamTranslator translator = translator(false);

        translate(translator, withoutUsageChunk(text("openai/stream-include-usage.response.sse")), WHOLE);

        assertThat(translator.streamedText()).isEmpty();
    }

    private static String withoutUsageChunk(String sse) {
        List<String> lines = new ArrayList<>(List.of(sse.split("\n\n")));
        lines.removeIf(frame -> frame.contains("\"usage\":{"));
        return String.join("\n\n", lines) + "\n\n";
    }

    private static String contentOf(List<String> frames) {
        StringBuilder content = new StringBuilder();
        for (JsonObject chunk : chunks(frames)) {
            for (Object choice : chunk.getJsonArray("choices")) {
                String piece = ((JsonObject) choice).getJsonObject("delta").getString("content");
                content.append(piece == null ? "" : piece);
            }
        }
        return content.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, WHOLE})
    void tool_call_deltas_pass_through_unchanged(int chunkSize) {
        String sse = text("openai/stream-tool-calls.response.sse");
        OpenAiStreamTranslator translator = translator(false);

        List<String> frames = translate(translator, sse, chunkSize);

        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
        Map<Integer, String> arguments = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        for (JsonObject chunk : chunks(frames)) {
            for (Object choice : chunk.getJsonArray("choices")) {
                JsonArray calls = ((JsonObject) choice).getJsonObject("delta").getJsonArray("tool_calls");
                for (Object entry : calls == null ? new JsonArray() : calls) {
                    JsonObject call = (JsonObject) entry;
                    JsonObject function = call.getJsonObject("function");
                    if (function.containsKey("name")) {
                        names.put(call.getInteger("index"), function.getString("name"));
                    }
                    arguments.merge(call.getInteger("index"), function.getString("arguments"), String::concat);
                }
            }
        }
        assertThat(names).containsExactly(Map.entry(0, "add"), Map.entry(1, "multiply"));
        assertThat(arguments)
                .containsExactly(Map.entry(0, "{\"a\": 2, \"b\": 3}"), Map.entry(1, "{\"a\": 2, \"b\": 3}"));
        assertThat(translator.usage()).isEqualTo(new Usage(106, 50, 156));
    }

    @Test
    void azures_prompt_filter_chunk_and_usage_chunk_pass_through() {
        String sse = text("azure/stream-include-usage.response.sse");
        OpenAiStreamTranslator translator = translator(false);

        List<String> frames = translate(translator, sse, 7);

        assertThat(frames).containsExactlyElementsOf(dataFrames(sse));
        assertThat(frames.get(0)).contains("\"prompt_filter_results\"");
        assertThat(translator.usage()).isEqualTo(new Usage(19, 149, 168));
    }

    @Test
    void an_upstream_error_event_mid_stream_ends_the_answer_as_a_failure_without_done() {
        String error = "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        String late = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"}}]}\n\n";
        String sse =
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: " + error + "\n\n" + late;
        OpenAiStreamTranslator translator = translator(false);

        List<String> frames = translate(translator, sse, 7);

        assertThat(frames)
                .as("the stream writes the failure as its own error event; nothing follows it")
                .containsExactly(dataFrames(sse).get(0));
        assertThat(translator.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.kind()).isEqualTo(ErrorKind.INTERNAL);
            assertThat(failure.getMessage())
                    .isEqualTo("litellm.InternalServerError: OpenAIException - "
                            + "The server had an error while processing your request.");
        });
    }

    @Test
    void an_error_event_with_an_http_status_code_keeps_its_kind() {
        String sse = "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":429}}\n\n";
        OpenAiStreamTranslator translator = translator(true);

        translate(translator, sse, WHOLE);

        assertThat(translator.failure())
                .hasValueSatisfying(failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
    }

    @Test
    void content_that_mentions_an_error_is_just_content() {
        String sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"an \\\"error\\\": here\"}}]}\n\n";
        OpenAiStreamTranslator translator = translator(true);

        // A stream that ends with neither finish_reason nor [DONE] is a broken one: this one ends properly.
        List<String> frames = translate(translator, sse + "data: [DONE]\n\n", WHOLE);

        assertThat(frames).containsExactly(dataFrames(sse).get(0), DONE);
        assertThat(translator.failure()).isEmpty();
    }

    @Test
    void a_data_field_spread_over_several_lines_stays_one_valid_frame() {
        String sse = "data: {\"choices\":[{\"index\":0,\n" + "data:  \"delta\":{\"content\":\"Hi\"}}]}\n\n";
        OpenAiStreamTranslator translator = translator(false);
        List<String> frames = translate(translator, sse + "data: [DONE]\n\n", WHOLE);

        List<SseEvent> reparsed = new ArrayList<>();
        SseParser parser = new SseParser(reparsed::add);
        frames.forEach(frame -> parser.feed(Buffer.buffer(frame)));
        parser.end();

        assertThat(reparsed)
                .extracting(SseEvent::data)
                .containsExactly("{\"choices\":[{\"index\":0,\n \"delta\":{\"content\":\"Hi\"}}]}", "[DONE]");
    }

    @Test
    void usage_in_a_chunk_that_also_carries_content_is_recorded() {
        // Some OpenAI-compatible servers (vLLM with continuous_usage_stats) put usage on every chunk.
        String sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n";
        OpenAiStreamTranslator translator = translator(false);

        translate(translator, sse, 7);

        assertThat(translator.usage()).isEqualTo(new Usage(3, 2, 5));
    }

    private static OpenAiStreamTranslator translator(boolean keepText) {
        return new OpenAiStreamTranslator(keepText, new OpenAiErrorClassifier("OpenAIException"));
    }

    private static List<JsonObject> chunks(List<String> frames) {
        List<JsonObject> chunks = new ArrayList<>();
        for (String frame : frames) {
            if (!frame.equals(DONE)) {
                chunks.add(new JsonObject(frame.substring("data: ".length()).strip()));
            }
        }
        return chunks;
    }
}
