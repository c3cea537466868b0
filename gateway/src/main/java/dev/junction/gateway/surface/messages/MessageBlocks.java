package dev.junction.gateway.surface.messages;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The content blocks of one streamed Anthropic message, opened and closed as chat deltas arrive: a text block
 * for a run of content, a {@code tool_use} block for each tool call (a call's first delta carries its id and
 * name, the following ones pieces of its arguments). Only one block is open at a time, as Anthropic streams.
 */
final class MessageBlocks {
    private final Set<Integer> startedCalls = new HashSet<>();
    private int index = -1;
    private String open;

    void delta(JsonObject delta, Consumer<Buffer> out) {
        if (delta.getValue("content") instanceof String text && !text.isEmpty()) {
            if (!"text".equals(open)) {
                begin("text", new JsonObject().put("type", "text").put("text", ""), out);
            }
            emit(new JsonObject().put("type", "text_delta").put("text", text), out);
        }
        if (delta.getValue("tool_calls") instanceof JsonArray calls) {
            for (Object each : calls) {
                if (each instanceof JsonObject call) {
                    toolCall(call, out);
                }
            }
        }
    }

    private void toolCall(JsonObject call, Consumer<Buffer> out) {
        int callIndex = call.getValue("index") instanceof Number number ? number.intValue() : 0;
        JsonObject function = call.getValue("function") instanceof JsonObject f ? f : new JsonObject();
        if (startedCalls.add(callIndex)) {
            JsonObject block = new JsonObject()
                    .put("type", "tool_use")
                    .put("id", call.getValue("id"))
                    .put("name", function.getValue("name"))
                    .put("input", new JsonObject());
            begin("tool_use", block, out);
        }
        if (function.getValue("arguments") instanceof String arguments && !arguments.isEmpty()) {
            emit(new JsonObject().put("type", "input_json_delta").put("partial_json", arguments), out);
        }
    }

    private void begin(String type, JsonObject block, Consumer<Buffer> out) {
        close(out);
        index++;
        open = type;
        out.accept(MessagesStream.event(
                "content_block_start",
                new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", index)
                        .put("content_block", block)));
    }

    private void emit(JsonObject delta, Consumer<Buffer> out) {
        out.accept(MessagesStream.event(
                "content_block_delta",
                new JsonObject()
                        .put("type", "content_block_delta")
                        .put("index", index)
                        .put("delta", delta)));
    }

    /** Closes the open block, if any. */
    void close(Consumer<Buffer> out) {
        if (open == null) {
            return;
        }
        open = null;
        out.accept(MessagesStream.event(
                "content_block_stop",
                new JsonObject().put("type", "content_block_stop").put("index", index)));
    }
}
