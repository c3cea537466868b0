package dev.junction.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The named SSE events of a streamed {@link AnthropicMessage}, in Anthropic's order: {@code message_start},
 * then per block {@code content_block_start}, deltas and {@code content_block_stop} (with a {@code ping}
 * after the first start, where Anthropic sends one), then {@code message_delta} with the stop reason and
 * final output tokens, and {@code message_stop}.
 */
final class AnthropicEvents {
    private final AnthropicMessage message;

    AnthropicEvents(AnthropicMessage message) {
        this.message = message;
    }

    List<String> events(int pieces) {
        List<String> events = new ArrayList<>();
        events.add(Sse.event(
                "message_start", new JsonObject().put("type", "message_start").put("message", start())));
        for (int i = 0; i < message.blocks.size(); i++) {
            JsonObject block = message.blocks.get(i);
            boolean tool = "tool_use".equals(block.getString("type"));
            events.add(Sse.event("content_block_start", blockStart(i, block, tool)));
            if (i == 0) {
                events.add(Sse.event("ping", new JsonObject().put("type", "ping")));
            }
            if (tool) {
                // Anthropic opens every tool input with an empty fragment before the real ones.
                events.add(delta(i, inputJsonDelta("")));
                for (String piece : Pieces.split(block.getJsonObject("input").encode(), pieces)) {
                    events.add(delta(i, inputJsonDelta(piece)));
                }
            } else {
                for (String piece : Pieces.split(block.getString("text"), pieces)) {
                    events.add(
                            delta(i, new JsonObject().put("type", "text_delta").put("text", piece)));
                }
            }
            events.add(Sse.event(
                    "content_block_stop",
                    new JsonObject().put("type", "content_block_stop").put("index", i)));
        }
        JsonObject stop =
                new JsonObject().put("stop_reason", message.stopReason()).put("stop_sequence", null);
        events.add(Sse.event(
                "message_delta",
                new JsonObject()
                        .put("type", "message_delta")
                        .put("delta", stop)
                        .put("usage", new JsonObject().put("output_tokens", message.outputTokens))));
        events.add(Sse.event("message_stop", new JsonObject().put("type", "message_stop")));
        return events;
    }

    /**
     * A stream that never finishes: {@code message_start}, a text block start and a ping, then the first
     * text block's text (or ".") as one {@code text_delta}, again and again.
     */
    Answer slow(Duration interval) {
        List<String> prelude = List.of(
                Sse.event(
                        "message_start",
                        new JsonObject().put("type", "message_start").put("message", start())),
                Sse.event("content_block_start", blockStart(0, null, false)),
                Sse.event("ping", new JsonObject().put("type", "ping")));
        String text = message.blocks.stream()
                .filter(block -> "text".equals(block.getString("type")))
                .map(block -> block.getString("text"))
                .filter(t -> !t.isEmpty())
                .findFirst()
                .orElse(".");
        return Answer.slowStream(
                prelude, delta(0, new JsonObject().put("type", "text_delta").put("text", text)), interval);
    }

    private JsonObject start() {
        return new JsonObject()
                .put("id", message.id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", message.model)
                .put("content", new JsonArray())
                .put("stop_reason", null)
                .put("stop_sequence", null)
                .put("usage", message.usage(1));
    }

    private static JsonObject blockStart(int index, JsonObject block, boolean tool) {
        JsonObject empty = tool
                ? block.copy().put("input", new JsonObject())
                : new JsonObject().put("type", "text").put("text", "");
        return new JsonObject()
                .put("type", "content_block_start")
                .put("index", index)
                .put("content_block", empty);
    }

    private static String delta(int index, JsonObject delta) {
        return Sse.event(
                "content_block_delta",
                new JsonObject()
                        .put("type", "content_block_delta")
                        .put("index", index)
                        .put("delta", delta));
    }

    private static JsonObject inputJsonDelta(String partialJson) {
        return new JsonObject().put("type", "input_json_delta").put("partial_json", partialJson);
    }
}
