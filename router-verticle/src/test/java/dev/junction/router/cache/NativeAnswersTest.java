package dev.junction.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.cluster.bus.Surface;
import dev.junction.testkit.AnthropicWire;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers in the Messages and Responses APIs' own formats: their streams, as the upstreams send them, assembled
 * into the answer the API gives without {@code stream}, and a stored answer replayed as that API's events that
 * assemble back to it.
 */
class NativeAnswersTest {
    private static final JsonObject MESSAGE = new JsonObject(
            """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-3-5-sonnet-20241022",
             "content": [
               {"type": "thinking", "thinking": "The user wants the weather, so a tool is needed.", "signature": "sig=="},
               {"type": "text", "text": "Let me look up the weather in Oslo for you, one moment.",
                "citations": [{"type": "char_location", "cited_text": "Oslo", "document_index": 0,
                               "start_char_index": 0, "end_char_index": 4}]},
               {"type": "redacted_thinking", "data": "opaque"},
               {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Oslo", "days": 2}}],
             "stop_reason": "tool_use", "stop_sequence": null,
             "usage": {"input_tokens": 40, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 10,
                       "output_tokens": 31}}""");

    private static <T extends AnswerAssembler> T assemble(T assembler, List<Buffer> frames) {
        frames.forEach(assembler::accept);
        return assembler;
    }

    private static List<Buffer> buffers(List<String> events) {
        return events.stream().map(Buffer::buffer).toList();
    }

    @Test
    void an_anthropic_stream_assembles_into_the_message_anthropic_answers_without_stream() {
        var message = AnthropicWire.message("claude-3-5-sonnet-20241022")
                .text("Checking the weather now.")
                .toolUse("toolu_02", "get_weather", new JsonObject().put("city", "Paris"))
                .usage(12, 20);

        MessageAssembler assembler = assemble(new MessageAssembler(), buffers(message.streamEvents(3)));

        assertThat(assembler.whole()).isTrue();
        assertThat(assembler.answer(null)).isEqualTo(message.json());
    }

    @Test
    void a_replayed_message_is_anthropics_event_sequence_and_assembles_back_to_the_same_message() {
        List<Buffer> events = MessageReplay.events(MESSAGE);

        assertThat(events.get(0).toString()).startsWith("event: message_start\ndata: {\"type\":\"message_start\"");
        assertThat(events.get(events.size() - 1).toString()).startsWith("event: message_stop\n");
        assertThat(events).anyMatch(event -> event.toString().contains("\"signature_delta\""));
        assertThat(events).anyMatch(event -> event.toString().contains("\"citations_delta\""));
        assertThat(events.stream().filter(event -> event.toString().contains("\"text_delta\"")))
                .as("the text in pieces")
                .hasSizeGreaterThan(1);
        MessageAssembler assembler = assemble(new MessageAssembler(), events);
        assertThat(assembler.whole()).isTrue();
        assertThat(assembler.answer(null)).isEqualTo(MESSAGE);
    }

    @Test
    void an_anthropic_stream_with_an_error_event_or_cut_before_message_stop_is_not_whole() {
        List<Buffer> events = buffers(
                AnthropicWire.message("claude-3-5-sonnet-20241022").text("Half").streamEvents(2));
        MessageAssembler cut = assemble(new MessageAssembler(), events.subList(0, events.size() - 1));
        MessageAssembler failed = new MessageAssembler();
        events.subList(0, 3).forEach(failed::accept);
        failed.accept(Buffer.buffer(AnthropicWire.streamError("overloaded_error", "Overloaded")));
        events.subList(3, events.size()).forEach(failed::accept);

        assertThat(cut.whole()).isFalse();
        assertThat(failed.whole()).isFalse();
    }

    @Test
    void a_responses_stream_assembles_into_its_completed_response_and_a_replay_repeats_it() {
        var response = OpenAiWire.response("gpt-4o-2024-08-06")
                .text("A fairly long answer that takes several deltas to stream.")
                .functionCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")
                .usage(9, 14);

        ResponseAssembler upstream = assemble(new ResponseAssembler(), buffers(response.streamEvents(3)));
        List<Buffer> replay = ResponseReplay.events(response.json());
        ResponseAssembler replayed = assemble(new ResponseAssembler(), replay);

        assertThat(upstream.whole()).isTrue();
        assertThat(upstream.answer(null)).isEqualTo(response.json());
        assertThat(replayed.answer(null)).isEqualTo(response.json());
        List<JsonObject> data =
                replay.stream().map(frame -> SseEvents.of(frame).get(0).json()).toList();
        assertThat(data)
                .extracting(event -> event.getInteger("sequence_number"))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, data.size()).boxed().toList());
        assertThat(data.get(0).getString("type")).isEqualTo("response.created");
        assertThat(data.get(0).getJsonObject("response").getJsonArray("output")).isEmpty();
        String deltas = data.stream()
                .filter(event -> event.getString("type").equals("response.output_text.delta"))
                .map(event -> event.getString("delta"))
                .reduce("", String::concat);
        assertThat(deltas).isEqualTo("A fairly long answer that takes several deltas to stream.");
        assertThat(data)
                .anyMatch(event -> event.getString("type").equals("response.function_call_arguments.done")
                        && event.getString("arguments").equals("{\"city\":\"Oslo\"}"));
        assertThat(data.get(data.size() - 1).getString("type")).isEqualTo("response.completed");
    }

    @Test
    void a_failed_or_cut_responses_stream_is_not_whole() {
        List<Buffer> events =
                buffers(OpenAiWire.response("gpt-4o").text("Half an answer").streamEvents(2));
        ResponseAssembler cut = assemble(new ResponseAssembler(), events.subList(0, events.size() - 1));
        ResponseAssembler failed = assemble(new ResponseAssembler(), events.subList(0, 3));
        failed.accept(
                Buffer.buffer(
                        "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"status\":\"failed\"}}\n\n"));

        assertThat(cut.whole()).isFalse();
        assertThat(failed.whole()).isFalse();
    }

    @Test
    void an_incomplete_response_ends_its_replay_with_response_incomplete() {
        JsonObject incomplete =
                OpenAiWire.response("gpt-4o").text("Cut short").json().put("status", "incomplete");

        List<Buffer> replay = ResponseReplay.events(incomplete);

        assertThat(replay.get(replay.size() - 1).toString()).startsWith("event: response.incomplete\n");
    }

    @Test
    void the_format_of_a_stored_answer_is_told_by_its_body() {
        assertThat(NativeAnswers.formatOf(MESSAGE)).isEqualTo(Surface.MESSAGES);
        assertThat(NativeAnswers.formatOf(
                        OpenAiWire.response("gpt-4o").text("Hi").json()))
                .isEqualTo(Surface.RESPONSES);
        assertThat(NativeAnswers.formatOf(new JsonObject().put("object", "chat.completion")))
                .isNull();
    }

    @Test
    void only_native_answers_with_text_or_a_tool_call_are_worth_keeping() {
        JsonObject emptyText = MESSAGE.copy()
                .put(
                        "content",
                        new JsonArray().add(new JsonObject().put("type", "text").put("text", "")));
        JsonObject response = OpenAiWire.response("gpt-4o").text("Hi").json();

        assertThat(CacheReplies.hasOutput(MESSAGE)).isTrue();
        assertThat(CacheReplies.hasOutput(emptyText)).isFalse();
        assertThat(CacheReplies.hasOutput(response)).isTrue();
        assertThat(CacheReplies.hasOutput(response.copy().put("status", "failed")))
                .isFalse();
        assertThat(CacheReplies.hasOutput(response.copy().put("output", new JsonArray())))
                .isFalse();
        assertThat(CacheReplies.hasOutput(OpenAiWire.response("gpt-4o")
                        .functionCall("c", "f", "{}")
                        .json()))
                .isTrue();
    }
}
