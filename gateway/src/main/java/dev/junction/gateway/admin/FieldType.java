package dev.junction.gateway.admin;

import dev.junction.gateway.keys.DurationText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON types an admin request field may have; {@code null} is accepted everywhere and means unset. */
enum FieldType {
    STRING("a string"),
    STRING_LIST("a list of strings"),
    STRING_MAP("an object of strings"),
    OBJECT("an object"),
    MONEY("a non-negative number"),
    COUNT("a non-negative whole number"),
    BOOLEAN("true or false"),
    DURATION("a duration such as 30s, 30m, 30h or 30d");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case STRING_LIST -> value instanceof JsonArray list && list.stream().allMatch(String.class::isInstance);
            case STRING_MAP -> value instanceof JsonObject map
                    && map.getMap().values().stream().allMatch(String.class::isInstance);
            case OBJECT -> value instanceof JsonObject;
            case MONEY -> value instanceof Number number
                    && number.doubleValue() >= 0
                    && Double.isFinite(number.doubleValue());
            case COUNT -> isWholeNumber(value) && ((Number) value).longValue() >= 0;
            case BOOLEAN -> value instanceof Boolean;
            case DURATION -> value instanceof String text && isDuration(text);
        };
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer
                || value instanceof Long
                || (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue()));
    }

    private static boolean isDuration(String text) {
        try {
            DurationText.parse(text);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }
}
