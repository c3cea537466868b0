package dev.junction.provider.gemini;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OpenAI's {@code tools} and {@code tool_choice} as Gemini's {@code functionDeclarations} and {@code toolConfig}. */
final class GeminiTools {
    private GeminiTools() {}

    /** Puts {@code tools} and {@code toolConfig} into {@code body} when the request has tools. */
    static void translate(JsonObject params, JsonObject body) {
        if (!(params.getValue("tools") instanceof JsonArray tools) || tools.isEmpty()) {
            return; // without declarations a tool_choice has nothing to choose from
        }
        JsonArray declarations = new JsonArray();
        for (Object tool : tools) {
            if (!(tool instanceof JsonObject fields) || !(fields.getValue("function") instanceof JsonObject function)) {
                throw GatewayException.badField("tools", "gemini takes function tools: each needs a function object");
            }
            declarations.add(declaration(function));
        }
        body.put("tools", new JsonArray().add(new JsonObject().put("functionDeclarations", declarations)));
        Object choice = params.getValue("tool_choice");
        if (choice != null) {
            body.put("toolConfig", new JsonObject().put("functionCallingConfig", callingConfig(choice)));
        }
    }

    private static JsonObject declaration(JsonObject function) {
        String name = function.getString("name");
        if (name == null || name.isBlank()) {
            throw GatewayException.badField("tools", "each function tool needs function.name");
        }
        JsonObject declaration = new JsonObject().put("name", name);
        if (function.getValue("description") instanceof String description) {
            declaration.put("description", description);
        }
        if (function.getValue("parameters") instanceof JsonObject parameters && !parameters.isEmpty()) {
            declaration.put("parameters", GeminiSchemas.clean(parameters));
        }
        return declaration;
    }

    /** {@code auto}, {@code required}, {@code none} or a named function, as Gemini's calling modes. */
    static JsonObject callingConfig(Object choice) {
        if ("auto".equals(choice)) {
            return new JsonObject().put("mode", "AUTO");
        }
        if ("required".equals(choice)) {
            return new JsonObject().put("mode", "ANY");
        }
        if ("none".equals(choice)) {
            return new JsonObject().put("mode", "NONE");
        }
        if (choice instanceof JsonObject named && named.getValue("function") instanceof JsonObject function) {
            if (function.getValue("name") instanceof String name) {
                return new JsonObject().put("mode", "ANY").put("allowedFunctionNames", new JsonArray().add(name));
            }
        }
        throw GatewayException.badField(
                "tool_choice", "tool_choice must be auto, required, none or {type: function, function: {name}}");
    }
}
