package dev.junction.provider.anthropic;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * OpenAI chat messages as Anthropic's top-level {@code system} prompt and a list of user and assistant turns.
 *
 * <p>Anthropic has no system or tool role: system messages (wherever they stand) become the {@code system}
 * blocks, and a tool answer becomes a {@code tool_result} block of a user turn. It also requires user and
 * assistant to alternate, so a turn with the same role as the one before it is merged into it.
 */
final class AnthropicMessageTranslator {
    private final AnthropicContentTranslator content = new AnthropicContentTranslator();

    /** Puts {@code system} (when there is one) and {@code messages} into {@code body}. */
    void translate(Object messages, JsonObject body) {
        if (!(messages instanceof JsonArray list) || list.isEmpty()) {
            throw GatewayException.badField("messages", "messages must be a non-empty array");
        }
        JsonArray system = new JsonArray();
        JsonArray turns = new JsonArray();
        for (Object item : list) {
            if (!(item instanceof JsonObject message)) {
                throw GatewayException.badField("messages", "each message must be an object");
            }
            String role = message.getString("role", "");
            switch (role) {
                case "system", "developer" -> system.addAll(content.textBlocks(message.getValue("content")));
                case "user" -> append(turns, "user", content.blocks(message.getValue("content")));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message));
                case "tool" -> append(turns, "user", new JsonArray().add(toolResult(message)));
                default -> throw GatewayException.badField(
                        "messages", "anthropic does not support messages with role '" + role + "'");
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.put("messages", turns);
    }

    private static void append(JsonArray turns, String role, JsonArray blocks) {
        if (blocks.isEmpty()) {
            return; // Anthropic rejects a turn without content; an empty message carries nothing anyway
        }
        JsonObject last = turns.isEmpty() ? null : turns.getJsonObject(turns.size() - 1);
        if (last != null && role.equals(last.getString("role"))) {
            last.getJsonArray("content").addAll(blocks);
        } else {
            turns.add(new JsonObject().put("role", role).put("content", blocks));
        }
    }

    private JsonArray assistantBlocks(JsonObject message) {
        JsonArray blocks = content.blocks(message.getValue("content"));
        JsonArray calls = message.getJsonArray("tool_calls");
        if (calls != null) {
            for (int i = 0; i < calls.size(); i++) {
                blocks.add(toolUse(calls.getJsonObject(i)));
            }
        }
        return blocks;
    }

    private static JsonObject toolUse(JsonObject call) {
        JsonObject function = call.getJsonObject("function", new JsonObject());
        return new JsonObject()
                .put("type", "tool_use")
                .put("id", call.getString("id"))
                .put("name", function.getString("name"))
                .put("input", ToolCalls.arguments(function.getValue("arguments")));
    }

    private JsonObject toolResult(JsonObject message) {
        JsonObject result =
                new JsonObject().put("type", "tool_result").put("tool_use_id", message.getString("tool_call_id"));
        JsonArray blocks = content.blocks(message.getValue("content"));
        if (!blocks.isEmpty()) {
            result.put("content", blocks);
        }
        return result;
    }
}
