package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Checks the shape of {@code fallbacks}, {@code context_window_fallbacks} and {@code
 * content_policy_fallbacks}: a list of single-key maps from a model group to the groups tried after it,
 * e.g. {@code [{"zephyr-beta": ["gpt-3.5-turbo"]}]}. LiteLLM rejects any other shape at start-up too.
 */
final class FallbackLists {
    private FallbackLists() {}

    static JsonArray check(Object value, String path, ParseContext context) {
        JsonArray items = Fields.list(context, value, path);
        if (items == null) {
            return null;
        }
        for (int i = 0; i < items.size(); i++) {
            checkItem(items.getList().get(i), YamlPath.index(path, i), context);
        }
        return items;
    }

    private static void checkItem(Object item, String path, ParseContext context) {
        JsonObject map = Fields.object(context, item, path);
        if (map == null || map.size() != 1) {
            String found = map == null ? "nothing" : map.size() + " keys " + map.fieldNames();
            throw new ConfigException(
                    path, "expected a map with exactly one model group and its fallback list, got " + found);
        }
        Map.Entry<String, Object> only = map.getMap().entrySet().iterator().next();
        String groupPath = YamlPath.key(path, only.getKey());
        if (!(only.getValue() instanceof JsonArray)) {
            throw context.invalid(groupPath, "a list of model group names", only.getValue());
        }
        Fields.strings(context, only.getValue(), groupPath);
    }
}
