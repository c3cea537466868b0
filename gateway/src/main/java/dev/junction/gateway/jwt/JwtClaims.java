package dev.junction.gateway.jwt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a verified token's claims the way LiteLLM's JWT handler does. */
final class JwtClaims {
    private JwtClaims() {}

    /** {@code scope}: a space-separated string or a list. */
    static List<String> scopes(JsonObject claims) {
        Object scope = claims.getValue("scope");
        if (scope instanceof String text) {
            return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        return strings(scope);
    }

    /** A claim as text (a number is shown as written), or null when the field is unset or absent. */
    static String text(JsonObject claims, String field) {
        Object value = field == null ? null : claims.getValue(field);
        if (value instanceof String text) {
            return text.isBlank() ? null : text;
        }
        return value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    /** A claim at a dotted path ({@code resource_access.junction.roles}) as a list of strings. */
    static List<String> listAt(JsonObject claims, String path) {
        if (path == null) {
            return List.of();
        }
        Object at = claims;
        for (String field : path.split("\\.")) {
            at = at instanceof JsonObject object ? object.getValue(field) : null;
        }
        if (at instanceof String single) {
            return Arrays.stream(single.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        return strings(at);
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        array.forEach(item -> {
            if (item instanceof String text && !text.isBlank()) {
                out.add(text);
            }
        });
        return out;
    }
}
