package dev.junction.provider.gemini;

import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatMessages;
import dev.junction.provider.chat.MessageText;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * OpenAI chat messages as Gemini's {@code systemInstruction} and {@code contents}.
 *
 * <p>Gemini has two roles, {@code user} and {@code model}: system messages (wherever they stand) become the
 * system instruction, assistant messages are {@code model} turns whose tool calls are {@code functionCall}
 * parts, and tool results are {@code functionResponse} parts of a {@code user} turn. Gemini answers a function
 * by name while OpenAI names the call's id, so the name is looked up in the assistant turn that made the call.
 * Consecutive messages of one role are merged into one turn, as LiteLLM does.
 */
final class GeminiContents {
    private final GeminiParts parts;

    GeminiContents(GeminiParts parts) {
        this.parts = parts;
    }

    /** Puts {@code systemInstruction} (when there is one) and {@code contents} into {@code body}. */
    void translate(Object messages, JsonObject body) {
        List<JsonObject> list = ChatMessages.of(messages);
        JsonArray system = new JsonArray();
        JsonArray contents = new JsonArray();
        for (int i = 0; i < list.size(); i++) {
            JsonObject message = list.get(i);
            String role = message.getString("role", "");
            switch (role) {
                case "system", "developer" -> system.addAll(parts.textOnly(message.getValue("content")));
                case "user" -> append(contents, "user", false, parts.of(message.getValue("content")));
                case "assistant" -> append(contents, "model", false, modelParts(message));
                case "tool", "function" -> append(contents, "user", true, functionResponse(list, i, message));
                default -> throw GatewayException.badField(
                        "messages", "gemini does not support messages with role '" + role + "'");
            }
        }
        if (!system.isEmpty()) {
            body.put("systemInstruction", new JsonObject().put("parts", system));
        }
        if (contents.isEmpty()) {
            throw GatewayException.badField("messages", "gemini needs at least one user or assistant message");
        }
        body.put("contents", contents);
    }

    /** Merges into the last turn when it has the same role and holds the same kind of parts. */
    private static void append(JsonArray contents, String role, boolean toolResults, JsonArray newParts) {
        if (newParts.isEmpty()) {
            return;
        }
        JsonObject last = contents.isEmpty() ? null : contents.getJsonObject(contents.size() - 1);
        if (last != null && role.equals(last.getString("role")) && toolResults == isToolResults(last)) {
            last.getJsonArray("parts").addAll(newParts);
        } else {
            contents.add(new JsonObject().put("role", role).put("parts", newParts));
        }
    }

    private static boolean isToolResults(JsonObject content) {
        JsonArray existing = content.getJsonArray("parts");
        return !existing.isEmpty() && existing.getJsonObject(0).containsKey("functionResponse");
    }

    private JsonArray modelParts(JsonObject message) {
        JsonArray modelParts = parts.of(message.getValue("content"));
        if (message.getValue("tool_calls") instanceof JsonArray calls) {
            for (Object call : calls) {
                JsonObject function = ((JsonObject) call).getJsonObject("function", new JsonObject());
                JsonObject functionCall = new JsonObject()
                        .put("name", function.getString("name"))
                        .put("args", ToolCalls.arguments(function.getValue("arguments")));
                modelParts.add(new JsonObject().put("functionCall", functionCall));
            }
        }
        return modelParts;
    }

    private static JsonArray functionResponse(List<JsonObject> messages, int index, JsonObject message) {
        String name = ToolCalls.nameOf(messages, index, message.getString("tool_call_id"));
        if (name == null) {
            name = message.getString("name");
        }
        if (name == null) {
            throw GatewayException.badField(
                    "messages", "a tool message must answer a tool call of an earlier assistant message");
        }
        JsonObject response = new JsonObject().put("content", MessageText.of(message.getValue("content")));
        JsonObject part = new JsonObject()
                .put("functionResponse", new JsonObject().put("name", name).put("response", response));
        return new JsonArray().add(part);
    }
}
