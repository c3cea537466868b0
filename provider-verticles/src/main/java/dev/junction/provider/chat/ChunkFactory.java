package dev.junction.provider.chat;

import dev.junction.provider.sse.SseFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Builds the {@code chat.completion.chunk} objects of one translated stream (or the {@code text_completion}
 * chunks of a legacy completions stream): OpenAI clients expect every chunk of an answer to carry the same
 * {@code id}, {@code created} and {@code model}.
 */
public final class ChunkFactory {
    public static final String CHAT = "chat.completion.chunk";
    public static final String TEXT_COMPLETION = "text_completion";

    private final long created;
    private final String object;
    private String id = "";
    private String model = "";

    /** @param created the answer's {@code created}, in epoch seconds: most providers' events carry no time */
    public ChunkFactory(long created) {
        this(created, CHAT);
    }

    /** @param object the chunks' {@code object}, {@link #CHAT} or {@link #TEXT_COMPLETION} */
    public ChunkFactory(long created, String object) {
        this.created = created;
        this.object = object;
    }

    /** Fixes the identity every later chunk carries (Anthropic gives it in {@code message_start}). */
    public void identify(String id, String model) {
        this.id = id;
        this.model = model;
    }

    /** A chunk with {@code choices} as given (an empty array for the trailing usage chunk). */
    public JsonObject chunk(JsonArray choices) {
        return new JsonObject()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model)
                .put("choices", choices);
    }

    /** The frame of a chunk whose single choice carries {@code delta} and {@code finishReason} (may be null). */
    public Buffer delta(JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason);
        return SseFrames.data(chunk(new JsonArray().add(choice)));
    }

    /** The answer's first frame, as OpenAI sends it: the assistant role with empty content. */
    public Buffer start() {
        return delta(new JsonObject().put("role", "assistant").put("content", ""), null);
    }

    /** A frame of {@code text} as the delta's {@code field} ({@code content}, {@code reasoning_content}), unless empty. */
    public void emitIfAny(String field, String text, Consumer<Buffer> out) {
        if (!text.isEmpty()) {
            out.accept(delta(new JsonObject().put(field, text), null));
        }
    }

    /**
     * The answer's closing frames: the trailing chunk with {@code usage} (OpenAI usage) when the client asked
     * for it with {@code stream_options.include_usage}, then {@code [DONE]}.
     */
    public void end(boolean includeUsage, JsonObject usage, Consumer<Buffer> out) {
        if (includeUsage) {
            out.accept(SseFrames.data(chunk(new JsonArray()).put("usage", usage)));
        }
        out.accept(SseFrames.done());
    }

    /** The frame of one {@code tool_calls} delta entry (see {@link ToolCalls#start}, {@link ToolCalls#argumentsPart}). */
    public Buffer toolCall(JsonObject call) {
        return delta(new JsonObject().put("tool_calls", new JsonArray().add(call)), null);
    }
}
