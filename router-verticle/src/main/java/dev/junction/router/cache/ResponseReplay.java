package dev.junction.router.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A cached Responses API {@code response} streamed again as OpenAI streams one: {@code response.created} and
 * {@code response.in_progress} (the response without output), each output item ({@code
 * response.output_item.added}, a message's parts with their text in pieces, a function call's arguments, {@code
 * response.output_item.done}), then {@code response.completed} (or {@code response.incomplete}) with the whole
 * response. Every event is numbered by {@code sequence_number}.
 */
final class ResponseReplay {
    private final List<Buffer> events = new ArrayList<>();
    private int sequence;

    private ResponseReplay() {}

    static List<Buffer> events(JsonObject response) {
        ResponseReplay replay = new ResponseReplay();
        JsonObject start = response.copy()
                .put("status", "in_progress")
                .put("output", new JsonArray())
                .putNull("usage");
        replay.add("response.created", new JsonObject().put("response", start));
        replay.add("response.in_progress", new JsonObject().put("response", start.copy()));
        JsonArray output = response.getValue("output") instanceof JsonArray items ? items : new JsonArray();
        for (int index = 0; index < output.size(); index++) {
            if (output.getValue(index) instanceof JsonObject item) {
                replay.item(item, index);
            }
        }
        String end = "incomplete".equals(response.getValue("status")) ? "response.incomplete" : "response.completed";
        replay.add(end, new JsonObject().put("response", response));
        return replay.events;
    }

    private void item(JsonObject item, int index) {
        String type = String.valueOf(item.getValue("type"));
        JsonObject added =
                switch (type) {
                    case "message" -> item.copy().put("status", "in_progress").put("content", new JsonArray());
                    case "function_call" -> item.copy()
                            .put("status", "in_progress")
                            .put("arguments", "");
                    default -> item;
                };
        add(
                "response.output_item.added",
                new JsonObject().put("output_index", index).put("item", added));
        JsonObject at = new JsonObject().put("item_id", item.getValue("id")).put("output_index", index);
        if (type.equals("message") && item.getValue("content") instanceof JsonArray parts) {
            for (int part = 0; part < parts.size(); part++) {
                if (parts.getValue(part) instanceof JsonObject content) {
                    part(content, at.copy().put("content_index", part));
                }
            }
        } else if (type.equals("function_call")) {
            String arguments = item.getValue("arguments") instanceof String text ? text : "";
            add("response.function_call_arguments.delta", at.copy().put("delta", arguments));
            add("response.function_call_arguments.done", at.copy().put("arguments", arguments));
        }
        add(
                "response.output_item.done",
                new JsonObject().put("output_index", index).put("item", item));
    }

    /** A message's content part: an output text or a refusal in pieces, anything else whole. */
    private void part(JsonObject content, JsonObject at) {
        String type = String.valueOf(content.getValue("type"));
        String field = type.equals("output_text") ? "text" : type.equals("refusal") ? "refusal" : null;
        JsonObject added = field == null ? content : content.copy().put(field, "");
        add("response.content_part.added", at.copy().put("part", added));
        if (field != null) {
            String event = type.equals("output_text") ? "response.output_text" : "response.refusal";
            String text = content.getValue(field) instanceof String value ? value : "";
            for (String piece : ReplayFrames.pieces(text)) {
                add(event + ".delta", logprobs(type, at.copy().put("delta", piece)));
            }
            add(event + ".done", logprobs(type, at.copy().put(field, text)));
        }
        add("response.content_part.done", at.copy().put("part", content));
    }

    /** Output text events carry their (here none) log probabilities. */
    private static JsonObject logprobs(String type, JsonObject event) {
        return type.equals("output_text") ? event.put("logprobs", new JsonArray()) : event;
    }

    private void add(String type, JsonObject fields) {
        JsonObject data = new JsonObject().put("type", type).put("sequence_number", sequence++);
        fields.forEach(field -> data.put(field.getKey(), field.getValue()));
        events.add(SseEvents.named(type, data));
    }
}
