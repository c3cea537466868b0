package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed reads of resolved YAML values. Each takes the path of the value and fails with a {@link
 * ConfigException} naming it and the expected type. Absent and null are the same: LiteLLM reads both as
 * {@code None}.
 */
final class Fields {
    // Values from os.environ/ are always text, so numbers and booleans are also accepted as strings.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private Fields() {}

    static JsonObject object(ParseContext context, Object value, String path) {
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw context.invalid(path, "a map", value);
    }

    static JsonArray list(ParseContext context, Object value, String path) {
        if (value == null || value instanceof JsonArray) {
            return (JsonArray) value;
        }
        throw context.invalid(path, "a list", value);
    }

    static String string(ParseContext context, Object value, String path) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw context.invalid(path, "a string", value);
    }

    static String requiredString(ParseContext context, Object value, String path) {
        String text = string(context, value, path);
        if (text == null) {
            throw context.missing(path);
        }
        if (text.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
        return text;
    }

    static Number number(ParseContext context, Object value, String path) {
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        if (value instanceof String text && DECIMAL.matcher(text.trim()).matches()) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException notWhole) {
                return Double.parseDouble(text.trim());
            }
        }
        throw context.invalid(path, "a number", value);
    }

    /** A number of at least 0, whole numbers kept whole. */
    static Number nonNegativeNumber(ParseContext context, Object value, String path) {
        Number number = number(context, value, path);
        if (number != null && !(number.doubleValue() >= 0 && Double.isFinite(number.doubleValue()))) {
            throw context.invalid(path, "a number of at least 0", value);
        }
        return number;
    }

    /** A number above 0, whole numbers kept whole. */
    static Number positiveNumber(ParseContext context, Object value, String path) {
        Number number = number(context, value, path);
        if (number != null && !(number.doubleValue() > 0 && Double.isFinite(number.doubleValue()))) {
            throw context.invalid(path, "a number above 0", value);
        }
        return number;
    }

    static Long nonNegativeInteger(ParseContext context, Object value, String path) {
        Number number = number(context, value, path);
        if (number == null) {
            return null;
        }
        boolean finite = !(number instanceof Double d) || Double.isFinite(d);
        BigDecimal exact = finite ? new BigDecimal(number.toString()) : null;
        if (exact == null
                || exact.signum() < 0
                || exact.stripTrailingZeros().scale() > 0
                || exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw context.invalid(path, "a whole number of at least 0", value);
        }
        return exact.longValue();
    }

    static Boolean bool(ParseContext context, Object value, String path) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text.toLowerCase());
        }
        throw context.invalid(path, "true or false", value);
    }

    /** A list whose items are all non-empty strings. */
    static List<String> strings(ParseContext context, Object value, String path) {
        JsonArray list = list(context, value, path);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(requiredString(context, list.getList().get(i), YamlPath.index(path, i)));
        }
        return out;
    }
}
