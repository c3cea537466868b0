package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Python's text forms of parsed YAML values ({@code str()}, {@code repr()}, {@code json.dumps()} with its
 * defaults). LiteLLM hashes these forms into deployment ids, so Junction must produce them byte for byte to
 * give the same deployment the same id.
 */
public final class PythonRepr {
    private PythonRepr() {}

    /** {@code str(value)}: strings as they are, everything else as {@link #repr}. */
    public static String str(Object value) {
        return value instanceof String text ? text : repr(value);
    }

    /** {@code repr(value)}; a map is a Python dict ({@code {'a': 1}}), a list a Python list. */
    public static String repr(Object value) {
        Object v = wrap(value);
        if (v instanceof JsonArray list) {
            return items(list).map(PythonRepr::repr).collect(Collectors.joining(", ", "[", "]"));
        } else if (v instanceof JsonObject map) {
            return map.getMap().entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return scalar(v, false);
    }

    /** {@code json.dumps(value)} with Python's defaults: ", " and ": " separators, ASCII-only output. */
    public static String jsonDumps(Object value) {
        Object v = wrap(value);
        if (v instanceof JsonArray list) {
            return items(list).map(PythonRepr::jsonDumps).collect(Collectors.joining(", ", "[", "]"));
        } else if (v instanceof JsonObject map) {
            return map.getMap().entrySet().stream()
                    .map(e -> PythonStrings.jsonQuote(e.getKey()) + ": " + jsonDumps(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return scalar(v, true);
    }

    private static String scalar(Object value, boolean json) {
        if (value == null) {
            return json ? "null" : "None";
        } else if (value instanceof String text) {
            return json ? PythonStrings.jsonQuote(text) : PythonStrings.repr(text);
        } else if (value instanceof Boolean flag) {
            return json ? flag.toString() : flag ? "True" : "False";
        } else if (value instanceof Number number) {
            return number(number, json);
        }
        throw new IllegalArgumentException(
                "not a YAML value: " + value.getClass().getName());
    }

    @SuppressWarnings("unchecked")
    private static Stream<Object> items(JsonArray list) {
        // getList(), not stream(): stream() would rewrite some values on the way out.
        return ((List<Object>) list.getList()).stream();
    }

    // A JsonObject or JsonArray may hold plain maps and lists; Python sees both as dicts and lists.
    @SuppressWarnings("unchecked")
    private static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new JsonObject((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new JsonArray(list);
        }
        return value;
    }

    private static String number(Number number, boolean json) {
        if (number instanceof Integer
                || number instanceof Long
                || number instanceof Short
                || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        return floatRepr(number.doubleValue(), json);
    }

    /**
     * {@code repr(float)}: the shortest digits that read back as the same double, in fixed notation for
     * exponents -4 to 15 and scientific notation ({@code 1e-06}, {@code 1e+22}) outside that range.
     */
    static String floatRepr(double value, boolean json) {
        if (Double.isNaN(value)) {
            return json ? "NaN" : "nan";
        }
        if (Double.isInfinite(value)) {
            String inf = json ? "Infinity" : "inf";
            return value > 0 ? inf : "-" + inf;
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(value);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return sign + fixed(digits, exponent);
    }

    private static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static String fixed(String digits, int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        }
        return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }
}
