package dev.junction.provider.mock;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The SSE frames of a streamed mock answer: one chunk per word, as a real model streams tokens. */
final class MockChunks {
    private MockChunks() {}

    static List<Buffer> frames(ProviderCall call, String content, String id, long created, String model) {
        boolean chat = call.request().endpoint() == Endpoint.CHAT_COMPLETIONS;
        String object = chat ? "chat.completion.chunk" : "text_completion";
        List<Buffer> frames = new ArrayList<>();
        if (chat) {
            frames.add(chunk(
                    id,
                    object,
                    created,
                    model,
                    new JsonObject().put("role", "assistant").put("content", ""),
                    null));
        }
        for (String piece : pieces(content)) {
            frames.add(chunk(id, object, created, model, delta(chat, piece), null));
        }
        frames.add(chunk(id, object, created, model, chat ? new JsonObject() : null, "stop"));
        if (call.request().includeUsage()) {
            frames.add(SseFrames.data(envelope(id, object, created, model)
                    .put("choices", new JsonArray())
                    .put("usage", MockResponder.MOCK_USAGE.toOpenAi())));
        }
        frames.add(SseFrames.done());
        return frames;
    }

    private static JsonObject delta(boolean chat, String piece) {
        return chat ? new JsonObject().put("content", piece) : new JsonObject().put("text", piece);
    }

    private static Buffer chunk(String id, String object, long created, String model, JsonObject delta, String finish) {
        JsonObject choice = new JsonObject().put("index", 0);
        if (object.equals("text_completion")) {
            choice.put("text", delta == null ? "" : delta.getString("text"));
        } else {
            choice.put("delta", delta);
        }
        choice.put("finish_reason", finish);
        return SseFrames.data(envelope(id, object, created, model).put("choices", new JsonArray().add(choice)));
    }

    private static JsonObject envelope(String id, String object, long created, String model) {
        return new JsonObject()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model);
    }

    /** Splits after each space so that the pieces concatenate back to the exact text. */
    static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == ' ') {
                pieces.add(content.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            pieces.add(content.substring(start));
        }
        return pieces;
    }
}
