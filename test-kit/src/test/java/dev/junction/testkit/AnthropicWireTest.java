package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnthropicWireTest {
    private static final String MODEL = "claude-3-5-sonnet-20241022";

    @Test
    void default_message_equals_the_recorded_fixture() {
        assertThat(AnthropicWire.message(MODEL).json()).isEqualTo(Fixtures.json("anthropic/message.json"));
    }

    @Test
    void tool_use_message_equals_the_recorded_fixture() {
        JsonObject body = AnthropicWire.message(MODEL)
                .text("I'll check the current weather in Paris for you.")
                .toolUse(
                        "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
                        "get_weather",
                        new JsonObject().put("location", "Paris, France"))
                .usage(472, 89)
                .json();

        assertThat(body).isEqualTo(Fixtures.json("anthropic/message-tool-use.json"));
    }

    @Test
    void text_stream_has_the_event_sequence_of_the_recorded_fixture() {
        List<String> built = AnthropicWire.message(MODEL).streamEvents(3);
        List<String> recorded = Fixtures.sseEvents("anthropic/messages-stream.sse");

        assertThat(built.stream().map(SseFrames::event))
                .containsExactlyElementsOf(
                        recorded.stream().map(SseFrames::event).toList());
        assertThat(SseFrames.data(built.get(0))).isEqualTo(SseFrames.data(recorded.get(0)));
        assertThat(text(built)).isEqualTo(text(recorded)).isEqualTo("Hello! How can I help you today?");
        assertThat(SseFrames.data(built.get(built.size() - 2)))
                .isEqualTo(SseFrames.data(recorded.get(recorded.size() - 2)));
    }

    @Test
    void tool_use_stream_matches_the_recorded_fixture_in_order_and_content() {
        JsonObject input = new JsonObject().put("location", "Paris, France");
        List<String> built = AnthropicWire.message(MODEL)
                .text("I'll check the current weather in Paris for you.")
                .toolUse("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", input)
                .usage(472, 89)
                .streamEvents(2);
        List<String> recorded = Fixtures.sseEvents("anthropic/messages-stream-tool-use.sse");

        assertThat(built.stream().map(SseFrames::event))
                .containsExactlyElementsOf(
                        recorded.stream().map(SseFrames::event).toList());
        assertThat(new JsonObject(partialJson(built))).isEqualTo(input);
        assertThat(new JsonObject(partialJson(recorded))).isEqualTo(input);
        JsonObject stop = SseFrames.data(built.get(built.size() - 2));
        assertThat(stop.getJsonObject("delta").getString("stop_reason")).isEqualTo("tool_use");
    }

    @Test
    void errors_have_anthropics_envelope() {
        JsonObject body = AnthropicWire.errorBody("overloaded_error", "Overloaded");
        JsonObject streamError = SseFrames.data(AnthropicWire.streamError("overloaded_error", "Overloaded"));

        assertThat(body.getString("type")).isEqualTo("error");
        assertThat(body.getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
        assertThat(body.getString("request_id")).startsWith("req_");
        assertThat(SseFrames.event(AnthropicWire.streamError("api_error", "x"))).isEqualTo("error");
        assertThat(streamError.getJsonObject("error").getString("message")).isEqualTo("Overloaded");
    }

    private static String text(List<String> frames) {
        return deltas(frames, "text_delta", "text");
    }

    private static String partialJson(List<String> frames) {
        return deltas(frames, "input_json_delta", "partial_json");
    }

    private static String deltas(List<String> frames, String type, String field) {
        return frames.stream()
                .filter(f -> "content_block_delta".equals(SseFrames.event(f)))
                .map(f -> SseFrames.data(f).getJsonObject("delta"))
                .filter(d -> type.equals(d.getString("type")))
                .map(d -> d.getString(field))
                .collect(Collectors.joining());
    }
}
