package dev.junction.gateway.keys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms the directory's records share: times as ISO-8601 text, lists and maps of strings. */
public final class JsonFields {
    private JsonFields() {}

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    public static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    public static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return map;
    }
}
