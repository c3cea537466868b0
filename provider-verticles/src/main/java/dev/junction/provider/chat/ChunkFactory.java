package dev.junction.provider.chat;

import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the {@code chat.completion.chunk} objects of one stream: OpenAI clients expect every chunk of an
 * answer to carry the same {@code id}, {@code created} and {@code model}.
 */
public final class ChunkFactory {
    private final long created;
    private String id = "";
    private String model = "";

    /** @param created the answer's {@code created}, in epoch seconds: Anthropic's and Bedrock's events carry no time */
    public ChunkFactory(long created) {
        this.created = created;
    }

    /** Fixes the identity every later chunk carries; Anthropic gives it in {@code message_start}. */
    public void identify(String id, String model) {
        this.id = id;
        this.model = model;
    }

    /** A chunk with {@code choices} as given (an empty array for the trailing usage chunk). */
    public JsonObject chunk(JsonArray choices) {
        return new JsonObject()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model)
                .put("choices", choices);
    }

    /** The frame of a chunk whose single choice carries {@code delta} and {@code finishReason} (may be null). */
    public Buffer delta(JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason);
        return SseFrames.data(chunk(new JsonArray().add(choice)));
    }
}
