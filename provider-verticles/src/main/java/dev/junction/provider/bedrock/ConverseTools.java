package dev.junction.provider.bedrock;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OpenAI's {@code tools} and {@code tool_choice} as Converse's {@code toolConfig}. */
final class ConverseTools {
    private ConverseTools() {}

    static void translate(JsonObject params, JsonObject body) {
        JsonArray tools = params.getJsonArray("tools");
        if (tools == null || tools.isEmpty()) {
            return;
        }
        JsonArray specs = new JsonArray();
        for (Object tool : tools) {
            specs.add(toolSpec((JsonObject) tool));
        }
        JsonObject config = new JsonObject().put("tools", specs);
        JsonObject choice = toolChoice(params.getValue("tool_choice"));
        if (choice != null) {
            config.put("toolChoice", choice);
        }
        body.put("toolConfig", config);
    }

    private static JsonObject toolSpec(JsonObject tool) {
        JsonObject function = tool.getJsonObject("function");
        if (function == null
                || function.getString("name") == null
                || function.getString("name").isBlank()) {
            throw GatewayException.badField("tools", "each tool needs function.name");
        }
        JsonObject schema = function.getJsonObject("parameters");
        JsonObject spec = new JsonObject()
                .put("name", function.getString("name"))
                .put(
                        "inputSchema",
                        new JsonObject()
                                .put(
                                        "json",
                                        schema != null
                                                ? schema
                                                : new JsonObject()
                                                        .put("type", "object")
                                                        .put("properties", new JsonObject())));
        if (function.getString("description") != null
                && !function.getString("description").isBlank()) {
            spec.put("description", function.getString("description"));
        }
        return new JsonObject().put("toolSpec", spec);
    }

    /**
     * {@code auto}, {@code required} ({@code any}) or a named tool. Converse has no {@code none}: LiteLLM drops it
     * under {@code drop_params}, and so does Junction (the tools stay offered).
     */
    static JsonObject toolChoice(Object choice) {
        if (choice == null || "none".equals(choice)) {
            return null;
        }
        if ("auto".equals(choice)) {
            return new JsonObject().put("auto", new JsonObject());
        }
        if ("required".equals(choice)) {
            return new JsonObject().put("any", new JsonObject());
        }
        if (choice instanceof JsonObject named && "function".equals(named.getString("type"))) {
            String name = named.getJsonObject("function", new JsonObject()).getString("name");
            if (name != null) {
                return new JsonObject().put("tool", new JsonObject().put("name", name));
            }
        }
        throw GatewayException.badField(
                "tool_choice", "tool_choice must be auto, required, none or {type: function, function: {name}}");
    }
}
