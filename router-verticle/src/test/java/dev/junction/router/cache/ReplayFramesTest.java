package dev.junction.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cached answer streamed again, and a stream assembled back: the two directions must meet. */
class ReplayFramesTest {
    private static final JsonObject ANSWER = new JsonObject(
            """
            {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o",
             "system_fingerprint": "fp_1",
             "choices": [{"index": 0, "message": {"role": "assistant",
                 "content": "A fairly long answer that needs several chunks to stream, as models do."},
                 "logprobs": null, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 9, "completion_tokens": 14, "total_tokens": 23}}""");

    @Test
    void a_replayed_chat_answer_assembles_back_to_the_same_answer() {
        List<Buffer> frames = ReplayFrames.chat(ANSWER, true);
        StreamAssembler assembler = new StreamAssembler(true);
        frames.forEach(assembler::accept);

        assertThat(assembler.whole()).isTrue();
        assertThat(assembler.answer(null)).isEqualTo(ANSWER);
        assertThat(frames.size()).as("role, pieces, finish, usage, done").isGreaterThan(5);
        assertThat(frames.get(frames.size() - 1).toString()).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void without_include_usage_no_usage_chunk_is_replayed() {
        List<Buffer> frames = ReplayFrames.chat(ANSWER, false);
        assertThat(frames).noneMatch(frame -> frame.toString().contains("\"usage\""));
    }

    @Test
    void tool_calls_and_several_choices_survive_the_round_trip() {
        JsonObject answer = ANSWER.copy();
        JsonObject call = new JsonObject()
                .put("id", "call_1")
                .put("type", "function")
                .put("function", new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Oslo\"}"));
        JsonObject withTool = new JsonObject()
                .put("index", 1)
                .put(
                        "message",
                        new JsonObject()
                                .put("role", "assistant")
                                .put("content", null)
                                .put("tool_calls", new JsonArray().add(call)))
                .put("logprobs", null)
                .put("finish_reason", "tool_calls");
        answer.getJsonArray("choices").add(withTool);
        StreamAssembler assembler = new StreamAssembler(true);
        ReplayFrames.chat(answer, true).forEach(assembler::accept);
        assertThat(assembler.answer(null)).isEqualTo(answer);
    }

    @Test
    void a_text_completion_round_trips_too() {
        JsonObject answer = new JsonObject(
                """
                {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "text": "Once upon a time there was a gateway that cached answers.",
                   "logprobs": null, "finish_reason": "length"}],
                 "usage": {"prompt_tokens": 2, "completion_tokens": 12, "total_tokens": 14}}""");
        StreamAssembler assembler = new StreamAssembler(false);
        ReplayFrames.textCompletion(answer, true).forEach(assembler::accept);
        assertThat(assembler.answer(null)).isEqualTo(answer);
    }

    @Test
    void a_stream_with_an_error_event_or_without_done_is_not_whole() {
        StreamAssembler failed = new StreamAssembler(true);
        List<Buffer> frames = ReplayFrames.chat(ANSWER, false);
        failed.accept(frames.get(0));
        failed.accept(Buffer.buffer("data: {\"error\": {\"message\": \"boom\"}}\n\n"));
        failed.accept(frames.get(frames.size() - 1));
        assertThat(failed.whole()).isFalse();

        StreamAssembler cut = new StreamAssembler(true);
        frames.subList(0, frames.size() - 1).forEach(cut::accept);
        assertThat(cut.whole()).isFalse();
    }

    @Test
    void pieces_join_back_to_the_text_and_stay_short() {
        String text = "word ".repeat(40) + "x".repeat(300) + " 日本語のテキスト".repeat(30);
        List<String> pieces = ReplayFrames.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allMatch(piece -> piece.length() <= 4 * ReplayFrames.PIECE_CHARS);
    }
}
