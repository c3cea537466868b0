package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Turns what the YAML reader produced into plain JSON values: JsonObject (key order kept), JsonArray,
 * String, Number, Boolean, null.
 *
 * <p>YAML 1.1 reads an unquoted {@code api_version: 2023-05-15} as a date. LiteLLM's Python loader does too,
 * and then uses its {@code str()} form, {@code 2023-05-15}; Junction turns the date back into that text.
 */
final class YamlValues {
    private YamlValues() {}

    static JsonObject normalize(JsonObject document) {
        return document == null ? new JsonObject() : (JsonObject) normalize((Object) document);
    }

    @SuppressWarnings("unchecked")
    static Object normalize(Object value) {
        if (value instanceof JsonObject json) {
            return normalizeMap(json.getMap());
        } else if (value instanceof Map<?, ?> map) {
            return normalizeMap((Map<Object, Object>) map);
        } else if (value instanceof JsonArray json) {
            return normalizeList(json.getList());
        } else if (value instanceof List<?> list) {
            return normalizeList(list);
        } else if (value instanceof Date date) {
            return dateText(date.toInstant());
        } else if (value instanceof Instant instant) {
            return dateText(instant);
        } else if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    private static JsonObject normalizeMap(Map<?, ?> map) {
        JsonObject out = new JsonObject();
        map.forEach((key, item) -> out.put(String.valueOf(key), normalize(item)));
        return out;
    }

    private static JsonArray normalizeList(List<?> list) {
        JsonArray out = new JsonArray();
        list.forEach(item -> out.add(normalize(item)));
        return out;
    }

    // SnakeYAML reads a bare date as midnight UTC; a full timestamp keeps its ISO-8601 form.
    private static String dateText(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? utc.toLocalDate().toString() : instant.toString();
    }
}
