package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The Responses API's input items as chat messages: messages (with {@code input_text}, {@code output_text} and
 * {@code input_image} parts), {@code function_call} items as an assistant's tool calls (consecutive calls in
 * one message, as chat has them) and {@code function_call_output} items as tool messages. Reasoning items are
 * dropped (chat cannot send them back); items chat has no form for are named as untranslated.
 */
final class InputItems {
    private final JsonArray messages;
    private final List<String> untranslated;

    InputItems(JsonArray messages, List<String> untranslated) {
        this.messages = messages;
        this.untranslated = untranslated;
    }

    /** The input as a list of items: a string is one user message. */
    static JsonArray normalize(Object input) {
        if (input instanceof String text) {
            return new JsonArray().add(new JsonObject().put("role", "user").put("content", text));
        }
        if (input instanceof JsonArray items && !items.isEmpty()) {
            return items;
        }
        throw GatewayException.badField("input", "input must be a string or a non-empty array of items");
    }

    void addAll(JsonArray items) {
        for (int i = 0; i < items.size(); i++) {
            String where = "input[" + i + "]";
            if (!(items.getValue(i) instanceof JsonObject item)) {
                throw GatewayException.badField("input", where + " must be an object");
            }
            String type = item.getValue("type") instanceof String given ? given : "message";
            switch (type) {
                case "message" -> message(item, where);
                case "function_call" -> functionCall(item, where);
                case "function_call_output" -> messages.add(new JsonObject()
                        .put("role", "tool")
                        .put("tool_call_id", required(item, "call_id", where))
                        .put("content", outputText(item.getValue("output"), where)));
                case "reasoning" -> {
                    // the model's own reasoning: chat has no way to hand it back
                }
                default -> untranslated.add(where + " (" + type + " item)");
            }
        }
    }

    private void message(JsonObject item, String where) {
        String role = required(item, "role", where);
        String chatRole =
                switch (role) {
                    case "user", "assistant", "system" -> role;
                    case "developer" -> "system";
                    default -> throw GatewayException.badField(
                            "input", where + ".role must be user, assistant, system or developer");
                };
        Object content = item.getValue("content");
        if (content instanceof String text) {
            messages.add(new JsonObject().put("role", chatRole).put("content", text));
            return;
        }
        if (!(content instanceof JsonArray parts)) {
            throw GatewayException.badField("input", where + ".content must be a string or an array of parts");
        }
        messages.add(new JsonObject().put("role", chatRole).put("content", parts(parts, chatRole, where)));
    }

    /** Text parts only: joined text (what every role takes). With an image: chat's part list (user turns). */
    private Object parts(JsonArray parts, String role, String where) {
        JsonArray chatParts = new JsonArray();
        StringBuilder text = new StringBuilder();
        boolean images = false;
        for (int i = 0; i < parts.size(); i++) {
            String at = where + ".content[" + i + "]";
            if (!(parts.getValue(i) instanceof JsonObject part)) {
                throw GatewayException.badField("input", at + " must be an object");
            }
            switch (String.valueOf(part.getValue("type"))) {
                case "input_text", "output_text", "text" -> {
                    String piece = required(part, "text", at);
                    text.append(piece);
                    chatParts.add(new JsonObject().put("type", "text").put("text", piece));
                }
                case "refusal" -> text.append(required(part, "refusal", at));
                case "input_image" -> {
                    JsonObject image = image(part, at);
                    if (image != null) {
                        chatParts.add(image);
                        images = true;
                    }
                }
                default -> untranslated.add(at + " (" + part.getValue("type") + " part)");
            }
        }
        return images && "user".equals(role) ? chatParts : text.toString();
    }

    private JsonObject image(JsonObject part, String where) {
        if (!(part.getValue("image_url") instanceof String url)) {
            untranslated.add(where + " (an input_image without image_url)");
            return null;
        }
        JsonObject imageUrl = new JsonObject().put("url", url);
        if (part.getValue("detail") instanceof String detail) {
            imageUrl.put("detail", detail);
        }
        return new JsonObject().put("type", "image_url").put("image_url", imageUrl);
    }

    private void functionCall(JsonObject item, String where) {
        JsonObject call = new JsonObject()
                .put("id", required(item, "call_id", where))
                .put("type", "function")
                .put(
                        "function",
                        new JsonObject()
                                .put("name", required(item, "name", where))
                                .put("arguments", item.getValue("arguments") instanceof String a ? a : "{}"));
        JsonObject last = messages.isEmpty() ? null : messages.getJsonObject(messages.size() - 1);
        if (last != null && "assistant".equals(last.getValue("role"))) {
            JsonArray calls = last.getValue("tool_calls") instanceof JsonArray existing ? existing : new JsonArray();
            last.put("tool_calls", calls.add(call));
        } else {
            messages.add(new JsonObject()
                    .put("role", "assistant")
                    .putNull("content")
                    .put("tool_calls", new JsonArray().add(call)));
        }
    }

    private String outputText(Object output, String where) {
        if (output instanceof String text) {
            return text;
        }
        if (output instanceof JsonArray parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof JsonObject json && json.getValue("text") instanceof String piece) {
                    text.append(piece);
                } else {
                    untranslated.add(where + ".output (a part other than text)");
                }
            }
            return text.toString();
        }
        throw GatewayException.badField("input", where + ".output must be a string or an array of parts");
    }

    private static String required(JsonObject item, String key, String where) {
        if (!(item.getValue(key) instanceof String value)) {
            throw GatewayException.badField("input", where + "." + key + " must be a string");
        }
        return value;
    }
}
