package dev.junction.gateway.surface.responses;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The output items of one streamed response, opened and finished as chat deltas arrive: a message item for
 * a run of text, a {@code function_call} item per tool call. One item is open at a time; a finished one joins
 * {@link #output()}, so an item's {@code output_index} is its position there.
 */
final class OutputItems {
    private final ResponseEvents events;
    private final JsonArray output = new JsonArray();
    private final Set<Integer> startedCalls = new HashSet<>();
    private String openId;
    private boolean openIsText;
    private StringBuilder content;
    private String callId;
    private String name;

    OutputItems(ResponseEvents events) {
        this.events = events;
    }

    ResponseEvents events() {
        return events;
    }

    JsonArray output() {
        return output;
    }

    void delta(JsonObject delta, Consumer<Buffer> out) {
        if (delta.getValue("content") instanceof String text && !text.isEmpty()) {
            if (openId == null || !openIsText) {
                openText(out);
            }
            content.append(text);
            out.accept(events.of(
                    "response.output_text.delta",
                    at().put("content_index", 0).put("delta", text).put("logprobs", new JsonArray())));
        }
        if (delta.getValue("tool_calls") instanceof JsonArray calls) {
            for (Object each : calls) {
                if (each instanceof JsonObject call) {
                    toolCall(call, out);
                }
            }
        }
    }

    private void openText(Consumer<Buffer> out) {
        close(out);
        openId = ResponseObject.newId("msg_");
        openIsText = true;
        content = new StringBuilder();
        JsonObject item = new JsonObject()
                .put("id", openId)
                .put("type", "message")
                .put("status", "in_progress")
                .put("role", "assistant")
                .put("content", new JsonArray());
        out.accept(events.of("response.output_item.added", index().put("item", item)));
        out.accept(events.of(
                "response.content_part.added", at().put("content_index", 0).put("part", part(""))));
    }

    private void toolCall(JsonObject call, Consumer<Buffer> out) {
        int index = call.getValue("index") instanceof Number number ? number.intValue() : 0;
        JsonObject function = call.getValue("function") instanceof JsonObject f ? f : new JsonObject();
        if (startedCalls.add(index)) {
            close(out);
            openId = ResponseObject.newId("fc_");
            openIsText = false;
            content = new StringBuilder();
            callId = String.valueOf(call.getValue("id"));
            name = String.valueOf(function.getValue("name"));
            JsonObject item =
                    ResponseObject.functionCall(openId, callId, name, "").put("status", "in_progress");
            out.accept(events.of("response.output_item.added", index().put("item", item)));
        }
        if (function.getValue("arguments") instanceof String arguments && !arguments.isEmpty()) {
            content.append(arguments);
            out.accept(events.of("response.function_call_arguments.delta", at().put("delta", arguments)));
        }
    }

    /** Finishes the open item, if any. */
    void close(Consumer<Buffer> out) {
        if (openId == null) {
            return;
        }
        String text = content.toString();
        JsonObject item;
        if (openIsText) {
            out.accept(events.of(
                    "response.output_text.done",
                    at().put("content_index", 0).put("text", text).put("logprobs", new JsonArray())));
            out.accept(events.of(
                    "response.content_part.done", at().put("content_index", 0).put("part", part(text))));
            item = ResponseObject.message(openId, text);
        } else {
            out.accept(events.of(
                    "response.function_call_arguments.done",
                    at().put("name", name).put("arguments", text)));
            item = ResponseObject.functionCall(openId, callId, name, text);
        }
        out.accept(events.of("response.output_item.done", index().put("item", item)));
        output.add(item);
        openId = null;
    }

    private JsonObject index() {
        return new JsonObject().put("output_index", output.size());
    }

    private JsonObject at() {
        return new JsonObject().put("item_id", openId).put("output_index", output.size());
    }

    private static JsonObject part(String text) {
        return new JsonObject()
                .put("type", "output_text")
                .put("text", text)
                .put("annotations", new JsonArray())
                .put("logprobs", new JsonArray());
    }
}
