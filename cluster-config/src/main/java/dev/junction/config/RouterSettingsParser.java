package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Reads {@code router_settings} over the routing keys of {@code litellm_settings}: where both set a key,
 * {@code router_settings} wins, as LiteLLM's Router prefers its own arguments over the module settings.
 */
final class RouterSettingsParser {
    private static final String LITELLM = "litellm_settings";
    private static final String ROUTER = "router_settings";

    private RouterSettingsParser() {}

    /** @param litellmSettings and {@code routerSettings}: the resolved sections, possibly null */
    static RouterSettings parse(Object litellmSettings, Object routerSettings, ParseContext context) {
        JsonObject merged = new JsonObject();
        mergeIn(Fields.object(context, litellmSettings, LITELLM), LITELLM, merged, context);
        mergeIn(Fields.object(context, routerSettings, ROUTER), ROUTER, merged, context);
        return fromMerged(merged);
    }

    /** The settings of an already checked merged map: the file's, or the file's with run-time overrides. */
    static RouterSettings fromMerged(JsonObject merged) {
        // request_timeout is litellm's module-wide default; the Router's own timeout takes precedence.
        Duration timeout = seconds(merged.getValue("timeout"));
        if (timeout == null) {
            timeout = seconds(merged.getValue("request_timeout"));
        }
        return new RouterSettings(
                timeout == null ? RouterSettings.DEFAULT_TIMEOUT : timeout,
                seconds(merged.getValue("stream_timeout")),
                merged);
    }

    private static void mergeIn(JsonObject section, String sectionPath, JsonObject merged, ParseContext context) {
        if (section == null) {
            return;
        }
        boolean isRouter = sectionPath.equals(ROUTER);
        section.getMap().forEach((key, value) -> {
            if (!isRouter && ObservabilityParser.LITELLM_KEYS.contains(key)) {
                return; // callbacks and logging: read by ObservabilityParser
            }
            String path = YamlPath.key(sectionPath, key);
            if (!isRouter && CacheSettingsParser.KEYS.contains(key)) {
                return; // read by CacheSettingsParser
            }
            if (!isRouter && KeyManagementParser.KEYS.contains(key)) {
                return; // read by KeyManagementParser
            }
            if (!RoutingKeys.SUPPORTED.contains(key)) {
                context.ignore(path);
                if (!isRouter) {
                    return; // the rest of litellm_settings configures callbacks, caching, ...: not routing
                }
            }
            Object checked = RoutingKeys.check(key, value, path, context);
            if (checked != null) {
                merged.put(key, checked);
            }
        });
    }

    private static Duration seconds(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        return Duration.ofNanos(Math.max(1, Math.round(number.doubleValue() * 1_000_000_000d)));
    }
}
