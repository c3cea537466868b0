package dev.junction.router.fallback;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fallbacks} of a request body. LiteLLM accepts two shapes there: its standard list of
 * single-key maps, which replaces the router's list for the request, and a "non-standard" list of model
 * names or of {@code {"model": ..., <param overrides>}} maps, which is tried in order whatever the error.
 */
final class ClientFallbacks {
    private static final String FIELD = "fallbacks";

    private ClientFallbacks() {}

    /** Whether the list is LiteLLM's non-standard client shape, decided by its first item as LiteLLM does. */
    static boolean isClientList(JsonArray items) {
        if (items.isEmpty()) {
            return false;
        }
        Object first = items.getValue(0);
        if (first instanceof String) {
            return true;
        }
        return first instanceof JsonObject map
                && (map.containsKey("model")
                        || map.size() != 1
                        || !(map.getValue(map.fieldNames().iterator().next()) instanceof JsonArray));
    }

    /** The targets of a non-standard list, in order. */
    static List<FallbackTarget> targets(JsonArray items) {
        List<FallbackTarget> targets = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.getValue(i);
            if (item instanceof String model && !model.isBlank()) {
                targets.add(FallbackTarget.group(model));
            } else if (item instanceof JsonObject map && map.getValue("model") instanceof String model) {
                JsonObject overrides = map.copy();
                overrides.remove("model");
                targets.add(new FallbackTarget(model, overrides));
            } else {
                throw GatewayException.badField(
                        FIELD,
                        "fallbacks[" + i + "] must be a model name or a map with a 'model' and parameters to override");
            }
        }
        return List.copyOf(targets);
    }

    /** The body's value as a list, or a bad request for any other shape. */
    static JsonArray list(Object value, String field) {
        if (value instanceof JsonArray array) {
            return array;
        }
        throw GatewayException.badField(field, field + " must be a list");
    }
}
