package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Router settings changed at run time ({@code POST /config/update}): the {@code router_settings} and the routing
 * keys of {@code litellm_settings}, read by the config file's rules and messages. The result is laid over the
 * file's settings with {@link RouterSettings#overlaid}; {@code router_settings} wins over {@code
 * litellm_settings}, as in the file.
 */
public final class RuntimeRouterSettings {
    public static final String ROUTER = "router_settings";
    public static final String LITELLM = "litellm_settings";

    /** Read once when the node starts (they shape its rate-limit state), so they cannot change at run time. */
    static final Set<String> FIXED = Set.of("rate_limit_accuracy", "rate_limit_sync_interval_ms");

    private RuntimeRouterSettings() {}

    /**
     * @param stored {@code {"router_settings": {...}, "litellm_settings": {...}}}, either part absent
     * @param env what {@code os.environ/} references resolve against
     * @return the overrides, checked and normalised, {@code router_settings} over {@code litellm_settings}
     * @throws ConfigException naming the path of the first key that is invalid, unknown, or fixed at start-up
     */
    public static JsonObject check(JsonObject stored, Map<String, String> env) {
        ParseContext context = new ParseContext(Environment.of(env));
        JsonObject overrides = new JsonObject();
        for (String section : new String[] {LITELLM, ROUTER}) {
            Object value = stored.getValue(section);
            if (value == null) {
                continue;
            }
            JsonObject given = Fields.object(context, YamlValues.normalize(value), section);
            JsonObject resolved = EnvSubstitution.resolve(given, section, context);
            resolved.forEach(entry -> checkKey(section, entry.getKey(), entry.getValue(), overrides, context));
        }
        return overrides;
    }

    private static void checkKey(String section, String key, Object value, JsonObject into, ParseContext context) {
        String path = YamlPath.key(section, key);
        if (!RoutingKeys.SUPPORTED.contains(key)) {
            throw new ConfigException(
                    path,
                    "cannot be changed at run time: only the routing and reliability settings can (change it in"
                            + " the config file and restart)");
        }
        if (FIXED.contains(key)) {
            throw new ConfigException(
                    path,
                    "is read once when a node starts and cannot be changed at run time (change it in the"
                            + " config file and restart the nodes)");
        }
        if (value == null) {
            return;
        }
        Object checked = RoutingKeys.check(key, value, path, context);
        if (checked != null) {
            into.put(key, checked);
        }
    }
}
