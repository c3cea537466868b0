package dev.junction.router.cache;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * A request's own cache controls, LiteLLM's {@code "cache": {...}} in the body (the gateway adds {@code
 * Cache-Control: no-cache} there too).
 *
 * @param noCache do not answer from the cache (the answer is still stored)
 * @param noStore do not store the answer
 * @param useCache opt in when the cache is {@code mode: default_off}
 * @param ttl how long to keep this answer, or null for the configured time
 * @param maxAge accept a cached answer only up to this many seconds old ({@code s-maxage}), or null
 * @param namespace the namespace of this request's key, or null
 */
record CacheControls(
        boolean noCache, boolean noStore, boolean useCache, Duration ttl, Double maxAge, String namespace) {
    static final CacheControls NONE = new CacheControls(false, false, false, null, null, null);

    static CacheControls of(JsonObject body) {
        Object value = body.getValue("cache");
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof JsonObject cache)) {
            throw GatewayException.badField("cache", "cache must be an object such as {\"no-cache\": true}");
        }
        Double maxAge = seconds(cache, "s-maxage");
        if (maxAge == null) {
            maxAge = seconds(cache, "s-max-age");
        }
        Double ttl = seconds(cache, "ttl");
        return new CacheControls(
                flag(cache, "no-cache"),
                flag(cache, "no-store"),
                flag(cache, "use-cache"),
                ttl == null ? null : Duration.ofMillis(Math.round(ttl * 1000)),
                maxAge,
                namespace(cache));
    }

    private static boolean flag(JsonObject cache, String name) {
        Object value = cache.getValue(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw GatewayException.badField("cache." + name, "cache." + name + " must be true or false");
    }

    private static Double seconds(JsonObject cache, String name) {
        Object value = cache.getValue(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() >= 0 && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw GatewayException.badField(
                "cache." + name, "cache." + name + " must be a number of seconds of at least 0");
    }

    private static String namespace(JsonObject cache) {
        Object value = cache.getValue("namespace");
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw GatewayException.badField("cache.namespace", "cache.namespace must be a non-empty string");
    }

    /** The namespace of the key: this request's, else {@code metadata.redis_namespace}, else the configured one. */
    String namespaceOr(JsonObject body, String configured) {
        if (namespace != null) {
            return namespace;
        }
        if (body.getValue("metadata") instanceof JsonObject metadata
                && metadata.getValue("redis_namespace") instanceof String redis
                && !redis.isBlank()) {
            return redis;
        }
        return configured;
    }
}
