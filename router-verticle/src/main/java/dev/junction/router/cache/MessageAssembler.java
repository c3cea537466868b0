package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Anthropic's stream events put back into the {@code message} Anthropic would have answered without {@code
 * stream}: {@code message_start}'s message, each content block from its {@code content_block_start} and deltas
 * (text, thinking and its signature, a tool call's input JSON, citations), and {@code message_delta}'s stop
 * reason and usage. The answer is whole once {@code message_stop} came with no {@code error} event before it.
 */
final class MessageAssembler implements AnswerAssembler {
    private final Map<Integer, JsonObject> blocks = new TreeMap<>();
    private final Map<Integer, StringBuilder> inputs = new TreeMap<>();
    private JsonObject message;
    private boolean done;
    private boolean failed;

    @Override
    public void accept(Buffer frame) {
        for (SseEvents.Event event : SseEvents.of(frame)) {
            JsonObject json = event.json();
            if (json == null) {
                failed = true;
            }
            if (!failed) {
                read(json);
            }
        }
    }

    private void read(JsonObject event) {
        int index = event.getValue("index") instanceof Number number ? number.intValue() : -1;
        switch (String.valueOf(event.getValue("type"))) {
            case "message_start" -> message =
                    event.getJsonObject("message", new JsonObject()).copy();
            case "content_block_start" -> blocks.put(
                    index,
                    event.getJsonObject("content_block", new JsonObject()).copy());
            case "content_block_delta" -> delta(
                    blocks.get(index), index, event.getJsonObject("delta", new JsonObject()));
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> done = !failed && parseInputs();
            case "error" -> failed = true;
            default -> {
                // ping, content_block_stop: nothing to keep
            }
        }
    }

    private void delta(JsonObject block, int index, JsonObject delta) {
        if (block == null) {
            failed = true;
            return;
        }
        switch (String.valueOf(delta.getValue("type"))) {
            case "text_delta" -> append(block, "text", delta.getString("text", ""));
            case "thinking_delta" -> append(block, "thinking", delta.getString("thinking", ""));
            case "signature_delta" -> block.put("signature", delta.getValue("signature"));
            case "input_json_delta" -> inputs.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.getString("partial_json", ""));
            case "citations_delta" -> {
                JsonArray citations = block.getValue("citations") instanceof JsonArray list ? list : new JsonArray();
                block.put("citations", citations.add(delta.getValue("citation")));
            }
            default -> {
                // a delta of a kind this cache does not know: the block stays as it started
            }
        }
    }

    private static void append(JsonObject block, String field, String piece) {
        block.put(field, (block.getValue(field) instanceof String text ? text : "") + piece);
    }

    private void messageDelta(JsonObject event) {
        if (message == null) {
            failed = true;
            return;
        }
        if (event.getValue("delta") instanceof JsonObject delta) {
            delta.forEach(field -> message.put(field.getKey(), field.getValue()));
        }
        if (event.getValue("usage") instanceof JsonObject usage) {
            JsonObject merged = message.getValue("usage") instanceof JsonObject started ? started : new JsonObject();
            usage.forEach(field -> {
                if (field.getValue() != null) {
                    merged.put(field.getKey(), field.getValue());
                }
            });
            message.put("usage", merged);
        }
    }

    /** A tool call's input is the JSON its deltas spell, or its starting input when it had none. */
    private boolean parseInputs() {
        try {
            inputs.forEach((index, json) -> {
                JsonObject block = blocks.get(index);
                String text = json.toString().trim();
                block.put("input", text.isEmpty() ? new JsonObject() : new JsonObject(text));
            });
            return true;
        } catch (DecodeException | ClassCastException cut) {
            failed = true;
            return false;
        }
    }

    @Override
    public boolean whole() {
        return done && !failed && message != null;
    }

    @Override
    public JsonObject answer(JsonObject counted) {
        JsonArray content = new JsonArray();
        blocks.values().forEach(content::add);
        return message.copy().put("content", content);
    }
}
