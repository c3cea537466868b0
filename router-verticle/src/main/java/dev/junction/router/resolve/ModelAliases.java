package dev.junction.router.resolve;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code model_group_alias}: each alias names a real group, either as a plain string or as {@code {model:
 * group, hidden: bool}}. A hidden alias routes like any other but is left out of {@code /v1/models}; LiteLLM
 * offers it for typos and case changes that should keep working without being advertised.
 */
final class ModelAliases {
    record Alias(String target, boolean hidden) {}

    private final Map<String, Alias> byName = new LinkedHashMap<>();

    /** @param config the merged {@code model_group_alias} value, already shape-checked, or null */
    ModelAliases(JsonObject config) {
        if (config == null) {
            return;
        }
        config.getMap().forEach((alias, value) -> {
            if (value instanceof JsonObject item) {
                byName.put(alias, new Alias(item.getString("model"), Boolean.TRUE.equals(item.getValue("hidden"))));
            } else if (value instanceof Map<?, ?> item) {
                Object hidden = item.get("hidden");
                byName.put(alias, new Alias(String.valueOf(item.get("model")), Boolean.TRUE.equals(hidden)));
            } else if (value != null) {
                byName.put(alias, new Alias(value.toString(), false));
            }
        });
    }

    Optional<Alias> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Map<String, Alias> all() {
        return byName;
    }
}
