package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A cached Anthropic {@code message} streamed again as Anthropic streams one: {@code message_start} (the message
 * without content, its prompt's usage), a {@code ping}, each content block ({@code content_block_start}, its
 * deltas, {@code content_block_stop}), {@code message_delta} with the stop reason and the whole usage, then
 * {@code message_stop}.
 */
final class MessageReplay {
    private MessageReplay() {}

    static List<Buffer> events(JsonObject message) {
        List<Buffer> events = new ArrayList<>();
        JsonObject usage = message.getValue("usage") instanceof JsonObject counts ? counts : new JsonObject();
        JsonObject start = message.copy()
                .put("content", new JsonArray())
                .putNull("stop_reason")
                .putNull("stop_sequence")
                .put("usage", usage.copy().put("output_tokens", 0));
        events.add(event("message_start", new JsonObject().put("message", start)));
        events.add(event("ping", new JsonObject()));
        JsonArray content = message.getValue("content") instanceof JsonArray blocks ? blocks : new JsonArray();
        for (int index = 0; index < content.size(); index++) {
            if (content.getValue(index) instanceof JsonObject block) {
                block(block, index, events);
            }
        }
        JsonObject delta = new JsonObject()
                .put("stop_reason", message.getValue("stop_reason"))
                .put("stop_sequence", message.getValue("stop_sequence"));
        events.add(event("message_delta", new JsonObject().put("delta", delta).put("usage", usage)));
        events.add(event("message_stop", new JsonObject()));
        return events;
    }

    /** One content block: text and thinking in pieces, a tool call's input as one JSON delta, others whole. */
    private static void block(JsonObject block, int index, List<Buffer> events) {
        String type = String.valueOf(block.getValue("type"));
        JsonObject started =
                switch (type) {
                    case "text" -> new JsonObject().put("type", "text").put("text", "");
                    case "thinking" -> new JsonObject().put("type", "thinking").put("thinking", "");
                    case "tool_use", "server_tool_use" -> block.copy().put("input", new JsonObject());
                    default -> block;
                };
        events.add(event("content_block_start", at(index).put("content_block", started)));
        switch (type) {
            case "text" -> {
                pieces(block, "text", "text_delta", index, events);
                if (block.getValue("citations") instanceof JsonArray citations) {
                    citations.forEach(citation -> events.add(delta(
                            index,
                            new JsonObject().put("type", "citations_delta").put("citation", citation))));
                }
            }
            case "thinking" -> {
                pieces(block, "thinking", "thinking_delta", index, events);
                events.add(delta(
                        index,
                        new JsonObject().put("type", "signature_delta").put("signature", block.getValue("signature"))));
            }
            case "tool_use", "server_tool_use" -> {
                Object input = block.getValue("input", new JsonObject());
                String json = input instanceof JsonObject object ? object.encode() : String.valueOf(input);
                events.add(delta(
                        index, new JsonObject().put("type", "input_json_delta").put("partial_json", json)));
            }
            default -> {
                // whole in its start event
            }
        }
        events.add(event("content_block_stop", at(index)));
    }

    private static void pieces(JsonObject block, String field, String deltaType, int index, List<Buffer> events) {
        String text = block.getValue(field) instanceof String value ? value : "";
        for (String piece : ReplayFrames.pieces(text)) {
            events.add(delta(index, new JsonObject().put("type", deltaType).put(field, piece)));
        }
    }

    private static Buffer delta(int index, JsonObject delta) {
        return event("content_block_delta", at(index).put("delta", delta));
    }

    private static JsonObject at(int index) {
        return new JsonObject().put("index", index);
    }

    private static Buffer event(String type, JsonObject fields) {
        JsonObject data = new JsonObject().put("type", type);
        fields.forEach(field -> data.put(field.getKey(), field.getValue()));
        return SseEvents.named(type, data);
    }
}
