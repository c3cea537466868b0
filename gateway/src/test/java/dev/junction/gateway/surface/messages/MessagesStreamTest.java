package dev.junction.gateway.surface.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.OpenAiWire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesStreamTest {

    /** The events the reframer writes for OpenAI's chunks, each as {@code name data}. */
    private static List<String> reframe(List<String> chunks) {
        MessagesStream stream = new MessagesStream();
        List<Buffer> out = new ArrayList<>();
        chunks.forEach(chunk -> stream.onFrame(Buffer.buffer(chunk), out::add));
        stream.onEnd(out::add);
        return out.stream().map(Buffer::toString).toList();
    }

    private static List<String> names(List<String> events) {
        return events.stream().map(e -> e.substring(7, e.indexOf('\n'))).toList();
    }

    private static JsonObject data(String event) {
        return new JsonObject(event.substring(event.indexOf("data: ") + 6).strip());
    }

    @Test
    void text_then_a_tool_call_become_a_text_block_then_a_tool_use_block() {
        List<String> events = reframe(OpenAiWire.chat("gpt-4o")
                .toolCall("call_7", "get_weather", "{\"city\":\"Paris\"}")
                .content("Checking.")
                .usage(30, 11)
                .streamEvents(3, true));

        assertThat(names(events))
                .containsExactly(
                        "message_start",
                        "ping",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        JsonObject toolStart = data(events.get(7));
        assertThat(toolStart.getInteger("index")).isEqualTo(1);
        assertThat(toolStart.getJsonObject("content_block"))
                .isEqualTo(new JsonObject()
                        .put("type", "tool_use")
                        .put("id", "call_7")
                        .put("name", "get_weather")
                        .put("input", new JsonObject()));
        StringBuilder json = new StringBuilder();
        for (int i = 8; i <= 10; i++) {
            JsonObject delta = data(events.get(i)).getJsonObject("delta");
            assertThat(delta.getString("type")).isEqualTo("input_json_delta");
            json.append(delta.getString("partial_json"));
        }
        assertThat(new JsonObject(json.toString())).isEqualTo(new JsonObject().put("city", "Paris"));
        JsonObject end = data(events.get(12));
        assertThat(end.getJsonObject("delta").getString("stop_reason")).isEqualTo("tool_use");
        assertThat(end.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(11);
    }

    @Test
    void an_error_frame_ends_the_stream_with_anthropics_error_event_and_nothing_after() {
        List<String> events = reframe(List.of(
                OpenAiWire.chat("gpt-4o").content("Hi").streamEvents(1, false).get(0),
                "data: {\"error\": {\"message\": \"litellm.Timeout: stalled\", \"type\": \"timeout_error\","
                        + " \"param\": null, \"code\": \"408\"}}\n\n"));

        assertThat(names(events)).containsExactly("message_start", "ping", "error");
        JsonObject error = data(events.get(2));
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("timeout_error");
        assertThat(error.getJsonObject("error").getString("message")).isEqualTo("litellm.Timeout: stalled");
    }
}
