package dev.junction.provider.anthropic;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OpenAI's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} in Anthropic's terms. */
final class AnthropicToolTranslator {

    /** Puts {@code tools} and {@code tool_choice} into {@code body} when the request has tools. */
    void translate(JsonObject params, JsonObject body) {
        JsonArray tools = params.getJsonArray("tools");
        if (tools == null || tools.isEmpty()) {
            // Anthropic refuses a tool_choice without tools; without tools there is nothing to choose.
            return;
        }
        JsonArray translated = new JsonArray();
        for (int i = 0; i < tools.size(); i++) {
            translated.add(tool(tools.getJsonObject(i)));
        }
        body.put("tools", translated);
        JsonObject choice = toolChoice(params.getValue("tool_choice"));
        Object parallel = params.getValue("parallel_tool_calls");
        if (parallel instanceof Boolean allowed && !"none".equals(choice.getString("type"))) {
            choice.put("disable_parallel_tool_use", !allowed);
        }
        if (params.getValue("tool_choice") != null || parallel instanceof Boolean) {
            body.put("tool_choice", choice);
        }
    }

    /**
     * A function tool as {@code {name, description, input_schema}}. A tool without a {@code function} is one
     * of Anthropic's own (web search, code execution, ...) and goes upstream as the client wrote it.
     */
    static JsonObject tool(JsonObject tool) {
        JsonObject function = tool.getJsonObject("function");
        if (function == null) {
            return tool.copy();
        }
        String name = function.getString("name");
        if (name == null || name.isBlank()) {
            throw GatewayException.badField("tools", "each function tool needs function.name");
        }
        JsonObject translated = new JsonObject().put("name", name);
        if (function.getString("description") != null) {
            translated.put("description", function.getString("description"));
        }
        JsonObject schema = function.getJsonObject("parameters");
        // Anthropic requires a schema; OpenAI lets a function without parameters omit it.
        translated.put("input_schema", schema != null ? schema : emptyObjectSchema());
        if (tool.getJsonObject("cache_control") != null) {
            translated.put("cache_control", tool.getJsonObject("cache_control"));
        }
        return translated;
    }

    /** {@code auto}, {@code required}, {@code none} or a named function; absent means {@code auto} in both APIs. */
    static JsonObject toolChoice(Object choice) {
        if (choice == null || "auto".equals(choice)) {
            return type("auto");
        }
        if ("required".equals(choice)) {
            return type("any");
        }
        if ("none".equals(choice)) {
            return type("none");
        }
        if (choice instanceof JsonObject named && "function".equals(named.getString("type"))) {
            String name = named.getJsonObject("function", new JsonObject()).getString("name");
            if (name != null) {
                return type("tool").put("name", name);
            }
        }
        throw GatewayException.badField(
                "tool_choice", "tool_choice must be auto, required, none or {type: function, function: {name}}");
    }

    /**
     * The reverse of {@link #tool}: a client tool ({@code name}, {@code input_schema}) as an OpenAI function
     * tool; null for one of Anthropic's server tools ({@code web_search_...}), which chat cannot carry.
     */
    static JsonObject toOpenAi(JsonObject tool) {
        Object type = tool.getValue("type");
        if (type != null && !"custom".equals(type) || !(tool.getValue("name") instanceof String name)) {
            return null;
        }
        JsonObject function = new JsonObject().put("name", name);
        if (tool.getValue("description") instanceof String description) {
            function.put("description", description);
        }
        Object schema = tool.getValue("input_schema");
        function.put("parameters", schema instanceof JsonObject object ? object : emptyObjectSchema());
        return new JsonObject().put("type", "function").put("function", function);
    }

    /** The reverse of {@link #toolChoice}: {@code auto}, {@code any}, {@code none} or a named tool, in OpenAI's terms. */
    static Object toolChoiceToOpenAi(JsonObject choice) {
        return switch (String.valueOf(choice.getValue("type"))) {
            case "any" -> "required";
            case "none" -> "none";
            case "tool" -> new JsonObject()
                    .put("type", "function")
                    .put("function", new JsonObject().put("name", choice.getValue("name")));
            default -> "auto";
        };
    }

    private static JsonObject type(String type) {
        return new JsonObject().put("type", type);
    }

    private static JsonObject emptyObjectSchema() {
        return new JsonObject().put("type", "object").put("properties", new JsonObject());
    }
}
