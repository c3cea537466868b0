package dev.junction.provider.ollama;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatMessages;
import dev.junction.provider.chat.DataUrl;
import dev.junction.provider.chat.MessageText;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * OpenAI chat messages as {@code /api/chat} messages: content as text, images as a list of base64 strings,
 * tool calls with their arguments as objects, an assistant's {@code reasoning_content} as {@code thinking}.
 * Ollama takes images inline only; Junction does not download image URLs on the request path, so an http(s)
 * image is refused with a 400 asking for a data URL.
 */
final class OllamaMessages {
    private OllamaMessages() {}

    static JsonArray of(Object messages) {
        JsonArray translated = new JsonArray();
        ChatMessages.of(messages).forEach(message -> translated.add(message(message)));
        return translated;
    }

    private static JsonObject message(JsonObject message) {
        String role = message.getString("role", "");
        JsonObject translated = new JsonObject()
                .put("role", "developer".equals(role) ? "system" : role)
                .put("content", MessageText.of(message.getValue("content")));
        JsonArray images = images(message.getValue("content"));
        if (!images.isEmpty()) {
            translated.put("images", images);
        }
        if (message.getValue("reasoning_content") instanceof String thinking) {
            translated.put("thinking", thinking);
        }
        if (message.getValue("tool_calls") instanceof JsonArray calls) {
            translated.put("tool_calls", toolCalls(calls));
        }
        return translated;
    }

    /** The base64 data of the content's {@code image_url} parts. */
    static JsonArray images(Object content) {
        JsonArray images = new JsonArray();
        if (content instanceof JsonArray parts) {
            for (Object part : parts) {
                if (part instanceof JsonObject fields && "image_url".equals(fields.getValue("type"))) {
                    String url = DataUrl.imageUrlOf(fields.getValue("image_url"));
                    images.add(DataUrl.parse(url)
                            .orElseThrow(() -> GatewayException.badField(
                                    "messages", "ollama needs images inline: send a base64 data: URL"))
                            .base64());
                }
            }
        }
        return images;
    }

    private static JsonArray toolCalls(JsonArray calls) {
        JsonArray translated = new JsonArray();
        for (Object call : calls) {
            JsonObject function = ((JsonObject) call).getJsonObject("function", new JsonObject());
            translated.add(new JsonObject()
                    .put(
                            "function",
                            new JsonObject()
                                    .put("name", function.getString("name"))
                                    .put("arguments", ToolCalls.arguments(function.getValue("arguments")))));
        }
        return translated;
    }
}
