package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * {@code router_settings} merged over the matching {@code litellm_settings} (router values win, as in
 * LiteLLM). Only what the router reads so far is typed; the merged map is kept for the rest.
 *
 * @param timeout the whole-call timeout ({@code timeout}, else {@code request_timeout}; LiteLLM's default
 *     is 6000 s)
 * @param streamTimeout the wait for a stream's first chunk, or null to use {@code timeout}
 * @param merged every router-level setting as configured
 */
public record RouterSettings(Duration timeout, Duration streamTimeout, JsonObject merged) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(6000);

    public RouterSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        merged = merged == null ? new JsonObject() : merged.copy();
    }

    public static RouterSettings defaults() {
        return new RouterSettings(DEFAULT_TIMEOUT, null, new JsonObject());
    }

    /**
     * These settings with {@code overrides} (checked by {@link RuntimeRouterSettings}) laid over them key by key,
     * as LiteLLM lays the router settings stored in its database over the config file's.
     */
    public RouterSettings overlaid(JsonObject overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        JsonObject combined = merged.copy();
        overrides.forEach(entry -> combined.put(entry.getKey(), entry.getValue()));
        return RouterSettingsParser.fromMerged(combined);
    }

    @Override
    public String toString() {
        // merged may hold redis_password and similar, so only its key names are shown.
        return "RouterSettings[timeout=" + timeout + ", streamTimeout=" + streamTimeout + ", keys="
                + merged.fieldNames() + "]";
    }
}
