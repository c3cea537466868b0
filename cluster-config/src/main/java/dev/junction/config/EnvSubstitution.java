package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Replaces every string of the form {@code os.environ/NAME}, at any depth, with the variable's value. An
 * unset variable becomes null (Python's {@code None}, which is what LiteLLM hashes) and is recorded, so the
 * parser can fail where the value is required and warn where it is optional.
 */
final class EnvSubstitution {
    static final String PREFIX = "os.environ/";

    private EnvSubstitution() {}

    static JsonObject resolve(JsonObject node, String path, ParseContext context) {
        JsonObject out = new JsonObject();
        node.getMap().forEach((key, value) -> out.put(key, resolveValue(value, YamlPath.key(path, key), context)));
        return out;
    }

    private static JsonArray resolve(JsonArray node, String path, ParseContext context) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < node.size(); i++) {
            out.add(resolveValue(node.getList().get(i), YamlPath.index(path, i), context));
        }
        return out;
    }

    private static Object resolveValue(Object value, String path, ParseContext context) {
        if (value instanceof JsonObject map) {
            return resolve(map, path, context);
        } else if (value instanceof JsonArray list) {
            return resolve(list, path, context);
        } else if (value instanceof String text && text.startsWith(PREFIX)) {
            return lookUp(text.substring(PREFIX.length()), path, context);
        }
        return value;
    }

    private static String lookUp(String variable, String path, ParseContext context) {
        if (variable.isBlank()) {
            throw new ConfigException(path, PREFIX + " needs a variable name after the slash");
        }
        String value = context.environment().get(variable).orElse(null);
        if (value == null) {
            context.unset(path, variable);
        } else {
            context.resolved(path, variable);
        }
        return value;
    }
}
