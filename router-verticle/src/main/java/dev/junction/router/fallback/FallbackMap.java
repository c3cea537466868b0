package dev.junction.router.fallback;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fallback list in LiteLLM's standard shape, {@code [{"group": ["fallback", ...]}, ...]}, as a lookup from
 * group to its fallbacks. When a group appears twice the first entry wins (LiteLLM stops at the first match);
 * for the {@code "*"} entry the last wins, because LiteLLM appends {@code default_fallbacks} as a {@code "*"}
 * entry and then uses the last one it saw.
 */
final class FallbackMap {
    static final String ANY = "*";
    static final FallbackMap NONE = new FallbackMap(Map.of(), false);

    private final Map<String, List<String>> byGroup;
    private final boolean configured;

    private FallbackMap(Map<String, List<String>> byGroup, boolean configured) {
        this.byGroup = byGroup;
        this.configured = configured;
    }

    /**
     * @param items the list, or null when not set
     * @param field the setting or body field, named in the error for a malformed list
     */
    static FallbackMap parse(JsonArray items, String field) {
        if (items == null) {
            return NONE;
        }
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject item) || item.size() != 1) {
                throw malformed(field);
            }
            String group = item.fieldNames().iterator().next();
            List<String> fallbacks = names(item.getValue(group), field);
            if (ANY.equals(group)) {
                byGroup.put(group, fallbacks);
            } else {
                byGroup.putIfAbsent(group, fallbacks);
            }
        }
        // LiteLLM turns an empty list into "not set" (`[] or None`).
        return new FallbackMap(Map.copyOf(byGroup), !items.isEmpty());
    }

    /** This map with {@code default_fallbacks} as its {@code "*"} entry, replacing any given in the list. */
    FallbackMap withDefault(List<String> defaults) {
        if (defaults == null || defaults.isEmpty()) {
            return this;
        }
        Map<String, List<String>> merged = new LinkedHashMap<>(byGroup);
        merged.put(ANY, List.copyOf(defaults));
        return new FallbackMap(Map.copyOf(merged), true);
    }

    boolean configured() {
        return configured;
    }

    Optional<List<String>> exact(String group) {
        return Optional.ofNullable(byGroup.get(group));
    }

    Optional<List<String>> any() {
        return exact(ANY);
    }

    static List<String> names(Object value, String field) {
        if (!(value instanceof JsonArray array)) {
            throw malformed(field);
        }
        List<String> names = new ArrayList<>(array.size());
        for (Object name : array) {
            if (!(name instanceof String text)) {
                throw malformed(field);
            }
            names.add(text);
        }
        return List.copyOf(names);
    }

    private static GatewayException malformed(String field) {
        return GatewayException.badField(
                field, field + " must be a list of single-key maps from a model group to a list of model groups");
    }
}
