package dev.junction.gateway.surface.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesStreamTest {
    private final List<JsonObject> kept = new ArrayList<>();

    private List<JsonObject> reframe(List<String> chunks) {
        ResponsesStream stream = new ResponsesStream("resp_test", new JsonObject().put("model", "m"), done -> {
            kept.add(done);
            return Future.succeededFuture();
        });
        List<Buffer> out = new ArrayList<>();
        chunks.forEach(chunk -> stream.onFrame(Buffer.buffer(chunk), out::add));
        stream.onEnd(out::add);
        List<JsonObject> events = new ArrayList<>();
        for (Buffer frame : out) {
            String text = frame.toString();
            String name = text.substring("event: ".length(), text.indexOf('\n'));
            JsonObject data =
                    new JsonObject(text.substring(text.indexOf("data: ") + 6).strip());
            assertThat(data.getString("type")).isEqualTo(name);
            events.add(data);
        }
        return events;
    }

    private static List<String> types(List<JsonObject> events) {
        return events.stream().map(event -> event.getString("type")).toList();
    }

    @Test
    void text_and_a_tool_call_are_two_output_items_numbered_in_order_and_the_response_is_kept() {
        List<JsonObject> events = reframe(OpenAiWire.chat("gpt-4o")
                .toolCall("call_1", "lookup", "{\"q\":\"a\"}")
                .content("Looking.")
                .usage(9, 4)
                .streamEvents(2, true));

        assertThat(types(events))
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.output_item.added",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.output_item.done",
                        "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getLong("sequence_number")).isEqualTo(i);
        }
        assertThat(events.get(9).getInteger("output_index")).isEqualTo(1);
        JsonObject response = events.get(events.size() - 1).getJsonObject("response");
        assertThat(response.getString("id")).isEqualTo("resp_test");
        assertThat(response.getString("status")).isEqualTo("completed");
        assertThat(response.getJsonArray("output")
                        .getJsonObject(0)
                        .getJsonArray("content")
                        .getJsonObject(0)
                        .getString("text"))
                .isEqualTo("Looking.");
        assertThat(response.getJsonArray("output").getJsonObject(1).getString("arguments"))
                .isEqualTo("{\"q\":\"a\"}");
        assertThat(response.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(9);
        assertThat(response.getJsonObject("usage").getInteger("total_tokens")).isEqualTo(13);
        assertThat(kept).containsExactly(response);
    }

    @Test
    void an_answer_cut_by_the_token_limit_ends_incomplete() {
        List<JsonObject> events = reframe(OpenAiWire.chat("gpt-4o")
                .content("Partial")
                .finishReason("length")
                .streamEvents(1, true));

        JsonObject last = events.get(events.size() - 1);
        assertThat(last.getString("type")).isEqualTo("response.incomplete");
        assertThat(last.getJsonObject("response")
                        .getJsonObject("incomplete_details")
                        .getString("reason"))
                .isEqualTo("max_output_tokens");
    }

    @Test
    void an_error_frame_becomes_an_error_event_and_nothing_is_kept() {
        List<JsonObject> events = reframe(List.of(
                OpenAiWire.chat("gpt-4o").content("Hi").streamEvents(1, false).get(0),
                "data: {\"error\": {\"message\": \"litellm.APIConnectionError: cut\", \"type\": \"api_connection_error\","
                        + " \"param\": null, \"code\": \"500\"}}\n\n"));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress", "error");
        assertThat(events.get(2).getString("message")).isEqualTo("litellm.APIConnectionError: cut");
        assertThat(kept).isEmpty();
    }
}
