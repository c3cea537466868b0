package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The Responses API's tools in chat's terms. A function tool is flat ({@code name}, {@code parameters} beside
 * {@code type}) where chat nests it under {@code function}; a named {@code tool_choice} likewise. OpenAI's
 * built-in tools (web search, file search, code interpreter, ...) have no chat form.
 */
final class ResponseTools {
    private ResponseTools() {}

    static void translate(JsonObject request, JsonObject chat, List<String> untranslated) {
        if (request.getValue("tools") instanceof JsonArray tools && !tools.isEmpty()) {
            JsonArray functions = new JsonArray();
            for (int i = 0; i < tools.size(); i++) {
                if (!(tools.getValue(i) instanceof JsonObject tool)) {
                    throw GatewayException.badField("tools", "tools[" + i + "] must be an object");
                }
                if ("function".equals(tool.getValue("type"))) {
                    functions.add(function(tool, i));
                } else {
                    untranslated.add("tools[" + i + "] (built-in tool " + tool.getValue("type") + ")");
                }
            }
            if (!functions.isEmpty()) {
                chat.put("tools", functions);
            }
        }
        Object choice = request.getValue("tool_choice");
        if (choice instanceof String mode) {
            chat.put("tool_choice", mode);
        } else if (choice instanceof JsonObject named) {
            if ("function".equals(named.getValue("type")) && named.getValue("name") instanceof String name) {
                chat.put(
                        "tool_choice",
                        new JsonObject().put("type", "function").put("function", new JsonObject().put("name", name)));
            } else {
                untranslated.add("tool_choice (" + named.getValue("type") + ")");
            }
        }
    }

    private static JsonObject function(JsonObject tool, int index) {
        if (!(tool.getValue("name") instanceof String name) || name.isBlank()) {
            throw GatewayException.badField("tools", "tools[" + index + "].name must be a non-empty string");
        }
        JsonObject function = new JsonObject().put("name", name);
        for (String field : new String[] {"description", "parameters", "strict"}) {
            if (tool.getValue(field) != null) {
                function.put(field, tool.getValue(field));
            }
        }
        return new JsonObject().put("type", "function").put("function", function);
    }
}
