package dev.junction.provider.ollama;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatMessages;
import dev.junction.provider.chat.MessageText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A conversation written as one {@code /api/generate} prompt, the way LiteLLM writes it for {@code ollama/}
 * chat models: runs of user and tool messages under {@code ### User:}, system messages under {@code ###
 * System:}, assistant messages (with their tool calls as JSON) under {@code ### Assistant:}, each section ended
 * by a blank line; images of user messages are collected for the request's {@code images}.
 *
 * @param prompt the prompt text
 * @param images the base64 images, in order
 */
record OllamaPrompt(String prompt, JsonArray images) {

    static OllamaPrompt of(Object messages) {
        StringBuilder prompt = new StringBuilder();
        JsonArray images = new JsonArray();
        String section = null;
        StringBuilder text = new StringBuilder();
        for (JsonObject message : ChatMessages.of(messages)) {
            String next = sectionOf(message.getString("role", ""));
            if (!next.equals(section)) {
                close(prompt, section, text);
                section = next;
            }
            text.append(MessageText.of(message.getValue("content")));
            if (message.getValue("tool_calls") instanceof JsonArray calls && !calls.isEmpty()) {
                text.append("Tool Calls: ").append(calls.encodePrettily());
            }
            images.addAll(OllamaMessages.images(message.getValue("content")));
        }
        close(prompt, section, text);
        return new OllamaPrompt(prompt.toString(), images);
    }

    private static String sectionOf(String role) {
        return switch (role) {
            case "user", "tool", "function" -> "User";
            case "system", "developer" -> "System";
            case "assistant" -> "Assistant";
            default -> throw GatewayException.badField(
                    "messages", "ollama does not support messages with role '" + role + "'");
        };
    }

    private static void close(StringBuilder prompt, String section, StringBuilder text) {
        if (section != null && !text.isEmpty()) {
            prompt.append("### ").append(section).append(":\n").append(text).append("\n\n");
        }
        text.setLength(0);
    }
}
