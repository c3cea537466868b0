package dev.junction.gateway.http;

import dev.junction.cluster.bus.LlmRequest;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request's {@code Cache-Control} header as LiteLLM's proxy reads it: its {@code no-cache}, {@code no-store} and
 * {@code s-maxage=N} directives become the body's {@code cache} controls, where the body does not set them itself.
 */
final class CacheControlHeader {
    private CacheControlHeader() {}

    static LlmRequest apply(LlmRequest request, String header) {
        if (header == null || header.isBlank()) {
            return request;
        }
        JsonObject controls = directives(header);
        if (controls.isEmpty()) {
            return request;
        }
        JsonObject body = request.body();
        if (body.getValue("cache") instanceof JsonObject own) {
            own.forEach(entry -> controls.put(entry.getKey(), entry.getValue()));
        } else if (body.getValue("cache") != null) {
            return request; // malformed: the cache reports it
        }
        Map<String, Object> fields = new LinkedHashMap<>(body.getMap());
        fields.put("cache", controls);
        return request.withBody(new JsonObject(fields));
    }

    private static JsonObject directives(String header) {
        JsonObject controls = new JsonObject();
        for (String part : header.split(",")) {
            String directive = part.strip().toLowerCase(Locale.ROOT);
            if (directive.equals("no-cache") || directive.equals("no-store")) {
                controls.put(directive, true);
            } else if (directive.startsWith("s-maxage=")) {
                try {
                    controls.put(
                            "s-maxage",
                            Long.parseLong(
                                    directive.substring("s-maxage=".length()).strip()));
                } catch (NumberFormatException ignored) {
                    // not a directive Junction can read; HTTP says to ignore it
                }
            }
        }
        return controls;
    }
}
