package dev.junction.gateway.surface.messages;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.anthropic.AnthropicFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Anthropic's user and assistant turns as chat messages. A user turn's {@code tool_result} blocks become
 * {@code tool} messages ahead of its other content (that is the order chat needs: results right after the
 * calls); an assistant turn's {@code tool_use} blocks become its {@code tool_calls}; images become {@code
 * image_url} parts. Thinking blocks are dropped: chat cannot send them back.
 */
final class MessageTurns {
    private final JsonArray messages;
    private final List<String> untranslated;

    MessageTurns(JsonArray messages, List<String> untranslated) {
        this.messages = messages;
        this.untranslated = untranslated;
    }

    void addAll(JsonArray turns) {
        for (int i = 0; i < turns.size(); i++) {
            String field = "messages[" + i + "]";
            if (!(turns.getValue(i) instanceof JsonObject turn)) {
                throw GatewayException.badField("messages", field + " must be an object");
            }
            Object content = turn.getValue("content");
            if (!(content instanceof String) && !(content instanceof JsonArray)) {
                throw GatewayException.badField("messages", field + ".content must be a string or an array of blocks");
            }
            switch (String.valueOf(turn.getValue("role"))) {
                case "user" -> user(content, field);
                case "assistant" -> assistant(content, field);
                default -> throw GatewayException.badField("messages", field + ".role must be 'user' or 'assistant'");
            }
        }
    }

    private void user(Object content, String field) {
        if (content instanceof String text) {
            messages.add(message("user", text));
            return;
        }
        JsonArray parts = new JsonArray();
        int results = 0;
        JsonArray blocks = (JsonArray) content;
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = block(blocks, i, field);
            String where = field + ".content[" + i + "]";
            switch (String.valueOf(block.getValue("type"))) {
                case "text" -> parts.add(new JsonObject().put("type", "text").put("text", text(block, where)));
                case "image" -> image(block, where, parts);
                case "tool_result" -> {
                    messages.add(toolResult(block, where));
                    results++;
                }
                default -> untranslated.add(where + " (" + block.getValue("type") + " block)");
            }
        }
        if (parts.size() == 1 && "text".equals(parts.getJsonObject(0).getString("type"))) {
            messages.add(message("user", parts.getJsonObject(0).getString("text")));
        } else if (!parts.isEmpty() || results == 0) {
            // A turn of untranslatable blocks still holds its place: the chat form is then only for routing.
            messages.add(new JsonObject().put("role", "user").put("content", parts.isEmpty() ? "" : parts));
        }
    }

    private void assistant(Object content, String field) {
        if (content instanceof String text) {
            messages.add(message("assistant", text));
            return;
        }
        StringBuilder text = new StringBuilder();
        JsonArray calls = new JsonArray();
        JsonArray blocks = (JsonArray) content;
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = block(blocks, i, field);
            String where = field + ".content[" + i + "]";
            switch (String.valueOf(block.getValue("type"))) {
                case "text" -> text.append(text(block, where));
                case "tool_use" -> calls.add(toolCall(block, where));
                case "thinking", "redacted_thinking" -> {
                    // the model's own reasoning: chat has no way to hand it back
                }
                default -> untranslated.add(where + " (" + block.getValue("type") + " block)");
            }
        }
        JsonObject message =
                new JsonObject().put("role", "assistant").put("content", text.isEmpty() ? null : text.toString());
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        messages.add(message);
    }

    private void image(JsonObject block, String where, JsonArray parts) {
        String url = block.getValue("source") instanceof JsonObject source ? AnthropicFormat.imageUrl(source) : null;
        if (url == null) {
            untranslated.add(where + " (image without a base64 or url source)");
        } else {
            parts.add(new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url)));
        }
    }

    private JsonObject toolResult(JsonObject block, String where) {
        Object content = block.getValue("content");
        String text;
        if (content == null || content instanceof String) {
            text = content == null ? "" : (String) content;
        } else if (content instanceof JsonArray parts) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                JsonObject part = block(parts, i, where);
                if ("text".equals(part.getValue("type"))) {
                    joined.append(text(part, where + ".content[" + i + "]"));
                } else {
                    untranslated.add(where + ".content[" + i + "] (" + part.getValue("type") + " in a tool result)");
                }
            }
            text = joined.toString();
        } else {
            throw GatewayException.badField("messages", where + ".content must be a string or an array of blocks");
        }
        return new JsonObject()
                .put("role", "tool")
                .put("tool_call_id", required(block, "tool_use_id", where))
                .put("content", text);
    }

    private static JsonObject toolCall(JsonObject block, String where) {
        Object input = block.getValue("input");
        JsonObject function = new JsonObject()
                .put("name", required(block, "name", where))
                .put("arguments", input instanceof JsonObject object ? object.encode() : "{}");
        return new JsonObject()
                .put("id", required(block, "id", where))
                .put("type", "function")
                .put("function", function);
    }

    private static JsonObject block(JsonArray blocks, int index, String field) {
        if (!(blocks.getValue(index) instanceof JsonObject block)) {
            throw GatewayException.badField("messages", field + ".content[" + index + "] must be an object");
        }
        return block;
    }

    private static String text(JsonObject block, String where) {
        return required(block, "text", where);
    }

    private static String required(JsonObject block, String key, String where) {
        if (!(block.getValue(key) instanceof String value)) {
            throw GatewayException.badField("messages", where + "." + key + " must be a string");
        }
        return value;
    }

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }
}
