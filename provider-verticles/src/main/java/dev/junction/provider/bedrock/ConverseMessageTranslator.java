package dev.junction.provider.bedrock;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatMessages;
import dev.junction.provider.chat.DataUrl;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * OpenAI chat messages as Converse's {@code system} blocks and alternating user and assistant {@code messages}.
 *
 * <p>Like Anthropic, Converse has no system or tool role: system messages become {@code system} blocks and a
 * tool answer a {@code toolResult} block of a user turn; consecutive turns of one role are merged. A part's
 * {@code cache_control} becomes a {@code cachePoint} block after it, as LiteLLM sends it.
 */
final class ConverseMessageTranslator {
    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");

    /** Puts {@code system} (when there is one) and {@code messages} into {@code body}. */
    void translate(Object messages, JsonObject body) {
        JsonArray system = new JsonArray();
        JsonArray turns = new JsonArray();
        for (JsonObject message : ChatMessages.of(messages)) {
            String role = message.getString("role", "");
            switch (role) {
                case "system", "developer" -> system.addAll(textBlocks(message.getValue("content")));
                case "user" -> append(turns, "user", blocks(message.getValue("content")));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message));
                case "tool" -> append(turns, "user", new JsonArray().add(toolResult(message)));
                default -> throw GatewayException.badField(
                        "messages", "bedrock does not support messages with role '" + role + "'");
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.put("messages", turns);
    }

    private static void append(JsonArray turns, String role, JsonArray blocks) {
        if (blocks.isEmpty()) {
            return; // Converse rejects a turn without content
        }
        JsonObject last = turns.isEmpty() ? null : turns.getJsonObject(turns.size() - 1);
        if (last != null && role.equals(last.getString("role"))) {
            last.getJsonArray("content").addAll(blocks);
        } else {
            turns.add(new JsonObject().put("role", role).put("content", blocks));
        }
    }

    /** Text and image parts; blank text is left out, because Converse rejects an empty text block. */
    static JsonArray blocks(Object content) {
        JsonArray blocks = new JsonArray();
        if (content == null) {
            return blocks;
        }
        if (content instanceof String text) {
            addText(blocks, text);
            return blocks;
        }
        if (!(content instanceof JsonArray parts)) {
            throw GatewayException.badField("messages", "message content must be a string or an array of parts");
        }
        for (Object item : parts) {
            JsonObject part = item instanceof JsonObject object ? object : new JsonObject();
            String type = part.getString("type", "");
            switch (type) {
                case "text" -> addText(blocks, part.getString("text", ""));
                case "image_url" -> blocks.add(image(part.getValue("image_url")));
                default -> throw GatewayException.badField(
                        "messages", "bedrock does not support content parts of type '" + type + "'");
            }
            if (part.getValue("cache_control") != null) {
                blocks.add(cachePoint());
            }
        }
        return blocks;
    }

    private static JsonArray textBlocks(Object content) {
        JsonArray blocks = blocks(content);
        for (Object block : blocks) {
            if (((JsonObject) block).containsKey("image")) {
                throw GatewayException.badField("messages", "bedrock system messages may only contain text");
            }
        }
        return blocks;
    }

    private static void addText(JsonArray blocks, String text) {
        if (!text.isBlank()) {
            blocks.add(new JsonObject().put("text", text));
        }
    }

    private static JsonObject cachePoint() {
        return new JsonObject().put("cachePoint", new JsonObject().put("type", "default"));
    }

    /**
     * Converse takes images as bytes (base64 in JSON), not URLs: a {@code data:} URL is sent inline. LiteLLM
     * downloads an http(s) image itself; Junction does not fetch URLs on a client's behalf, so it refuses one.
     */
    static JsonObject image(Object imageUrl) {
        String url = DataUrl.imageUrlOf(imageUrl);
        DataUrl data = DataUrl.parse(url)
                .orElseThrow(() -> GatewayException.badField(
                        "messages", "bedrock takes images as base64 data: URLs (data:image/png;base64,...)"));
        String mediaType = data.mediaType().toLowerCase(Locale.ROOT);
        String format = mediaType.startsWith("image/") ? mediaType.substring("image/".length()) : mediaType;
        format = format.equals("jpg") ? "jpeg" : format;
        if (!IMAGE_FORMATS.contains(format)) {
            throw GatewayException.badField("messages", "bedrock images must be png, jpeg, gif or webp");
        }
        JsonObject source = new JsonObject().put("bytes", data.base64());
        return new JsonObject()
                .put("image", new JsonObject().put("format", format).put("source", source));
    }

    private static JsonArray assistantBlocks(JsonObject message) {
        JsonArray blocks = blocks(message.getValue("content"));
        JsonArray calls = message.getJsonArray("tool_calls");
        if (calls != null) {
            for (Object call : calls) {
                blocks.add(toolUse((JsonObject) call));
            }
        }
        return blocks;
    }

    private static JsonObject toolUse(JsonObject call) {
        JsonObject function = call.getJsonObject("function", new JsonObject());
        JsonObject toolUse = new JsonObject()
                .put("toolUseId", call.getString("id"))
                .put("name", function.getString("name"))
                .put("input", ToolCalls.arguments(function.getValue("arguments")));
        return new JsonObject().put("toolUse", toolUse);
    }

    private static JsonObject toolResult(JsonObject message) {
        JsonArray content = new JsonArray();
        for (Object block : blocks(message.getValue("content"))) {
            if (((JsonObject) block).containsKey("text") || ((JsonObject) block).containsKey("image")) {
                content.add(block);
            }
        }
        if (content.isEmpty()) {
            // Converse requires content, and rejects blank text, even for a tool that answered nothing.
            content.add(new JsonObject().put("text", "(empty)"));
        }
        JsonObject result = new JsonObject()
                .put("toolUseId", message.getString("tool_call_id"))
                .put("content", content);
        return new JsonObject().put("toolResult", result);
    }
}
