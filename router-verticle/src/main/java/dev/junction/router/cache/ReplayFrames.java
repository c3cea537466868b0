package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A cached whole answer streamed again, as the provider would have streamed it: the role, the text in pieces of
 * a few words, each tool call, the finish reason, the usage chunk when the request asked for it, then {@code
 * [DONE]}. Every chunk carries the answer's {@code id}, {@code created} and {@code model}.
 */
final class ReplayFrames {
    /** Characters of text per chunk, cut after a space: about what a model streams in a few tokens. */
    static final int PIECE_CHARS = 24;

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private ReplayFrames() {}

    static List<Buffer> chat(JsonObject answer, boolean includeUsage) {
        List<Buffer> frames = new ArrayList<>();
        for (Object each : answer.getJsonArray("choices", new JsonArray())) {
            JsonObject choice = (JsonObject) each;
            int index = choice.getInteger("index", 0);
            JsonObject message = choice.getJsonObject("message", new JsonObject());
            frames.add(chatChunk(
                    answer, index, new JsonObject().put("role", "assistant").put("content", ""), null));
            String reasoning = message.getString("reasoning_content");
            if (reasoning != null && !reasoning.isEmpty()) {
                frames.add(chatChunk(answer, index, new JsonObject().put("reasoning_content", reasoning), null));
            }
            for (String piece : pieces(textOf(message, "content"))) {
                frames.add(chatChunk(answer, index, new JsonObject().put("content", piece), null));
            }
            JsonArray calls = message.getJsonArray("tool_calls", new JsonArray());
            for (int i = 0; i < calls.size(); i++) {
                JsonObject call = calls.getJsonObject(i).copy().put("index", i);
                frames.add(
                        chatChunk(answer, index, new JsonObject().put("tool_calls", new JsonArray().add(call)), null));
            }
            frames.add(chatChunk(answer, index, new JsonObject(), choice.getString("finish_reason", "stop")));
        }
        return ending(frames, answer, "chat.completion.chunk", includeUsage);
    }

    /** A text field that may be absent or null (a tool-call answer's {@code content}): empty then. */
    private static String textOf(JsonObject object, String field) {
        return object.getValue(field) instanceof String text ? text : "";
    }

    static List<Buffer> textCompletion(JsonObject answer, boolean includeUsage) {
        List<Buffer> frames = new ArrayList<>();
        for (Object each : answer.getJsonArray("choices", new JsonArray())) {
            JsonObject choice = (JsonObject) each;
            int index = choice.getInteger("index", 0);
            for (String piece : pieces(textOf(choice, "text"))) {
                frames.add(textChunk(answer, index, piece, null));
            }
            frames.add(textChunk(answer, index, "", choice.getString("finish_reason", "stop")));
        }
        return ending(frames, answer, "text_completion", includeUsage);
    }

    private static List<Buffer> ending(List<Buffer> frames, JsonObject answer, String object, boolean includeUsage) {
        JsonObject usage = answer.getJsonObject("usage");
        if (includeUsage && usage != null) {
            frames.add(frame(
                    envelope(answer, object).put("choices", new JsonArray()).put("usage", usage)));
        }
        frames.add(DONE);
        return frames;
    }

    private static Buffer chatChunk(JsonObject answer, int index, JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject()
                .put("index", index)
                .put("delta", delta)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
        return frame(envelope(answer, "chat.completion.chunk").put("choices", new JsonArray().add(choice)));
    }

    private static Buffer textChunk(JsonObject answer, int index, String text, String finishReason) {
        JsonObject choice = new JsonObject()
                .put("index", index)
                .put("text", text)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
        return frame(envelope(answer, "text_completion").put("choices", new JsonArray().add(choice)));
    }

    private static JsonObject envelope(JsonObject answer, String object) {
        JsonObject chunk = new JsonObject()
                .put("id", answer.getString("id", ""))
                .put("object", object)
                .put("created", answer.getValue("created", 0))
                .put("model", answer.getString("model", ""));
        if (answer.getValue("system_fingerprint") != null) {
            chunk.put("system_fingerprint", answer.getValue("system_fingerprint"));
        }
        return chunk;
    }

    private static Buffer frame(JsonObject chunk) {
        return Buffer.buffer("data: " + chunk.encode() + "\n\n");
    }

    /**
     * The text cut after a space once a piece reaches {@link #PIECE_CHARS} (anywhere but inside a surrogate pair
     * at four times that, for scripts without spaces); the pieces join back to it exactly.
     */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            int length = i + 1 - start;
            char c = text.charAt(i);
            if (c == ' ' && length >= PIECE_CHARS || length >= 4 * PIECE_CHARS && !Character.isHighSurrogate(c)) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
