package dev.junction.gateway.admin;

import dev.junction.gateway.keys.DurationText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The values an admin request field may have; {@code null} is accepted everywhere and means unset. The limits
 * are those the store can hold (its id columns are 255 characters, {@code budget_duration} 64; PostgreSQL text
 * holds no NUL), so that a value is refused with a 400 naming its field rather than failing in the database.
 */
public enum FieldType {
    /** Ids and names: {@code key}, {@code key_alias}, {@code team_id}, {@code user_id}, {@code team_alias}. */
    STRING("a string"),
    STRING_LIST("a list of strings"),
    STRING_MAP("an object of strings"),
    OBJECT("an object"),
    MONEY("a non-negative number"),
    COUNT("a non-negative whole number"),
    SMALL_COUNT("a non-negative whole number"),
    BOOLEAN("true or false"),
    DURATION("a duration such as 30s, 30m, 30h or 30d"),
    /**
     * A member ({@code {"role", "user_id", "user_email"}}, strings, one of the ids at least) or a list of them;
     * which roles are valid is up to the route.
     */
    MEMBERS("a member object, or a list of them, each with user_id or user_email"),
    /** A list of at most {@link #MAX_ENTRIES} entries of any kind; the route checks each entry. */
    LIST("a list"),
    /** LiteLLM's {@code allowed_model_region}. */
    REGION("\"eu\" or \"us\"");

    private static final java.util.Set<String> MEMBER_FIELDS = java.util.Set.of("role", "user_id", "user_email");

    /** The store's id columns ({@code key_alias}, {@code team_id}); other names are held to the same. */
    public static final int MAX_TEXT_LENGTH = 255;
    /** The store's {@code budget_duration} column. */
    public static final int MAX_DURATION_LENGTH = 64;

    public static final int MAX_ENTRIES = 1_000;
    /** {@code metadata} as JSON: it travels with the key to every node and every request. */
    public static final int MAX_OBJECT_LENGTH = 65_536;
    /**
     * {@code metadata}'s nesting: 900 levels (65 KB hold more) overflowed the stack of the key store's worker
     * thread, answered as a 503 "try again" for what is bad input.
     */
    public static final int MAX_OBJECT_DEPTH = 100;

    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MAX_SMALL_COUNT = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    /** What is wrong with {@code value}, to follow the field's name in a message; null when nothing is. */
    public String problem(Object value) {
        return switch (this) {
            case STRING -> value instanceof String text ? textProblem(text) : mustBe();
            case STRING_LIST -> value instanceof JsonArray list ? listProblem(list) : mustBe();
            case STRING_MAP -> value instanceof JsonObject map ? mapProblem(map) : mustBe();
            case OBJECT -> value instanceof JsonObject object ? objectProblem(object) : mustBe();
            case MONEY -> value instanceof Number number
                            && number.doubleValue() >= 0
                            && Double.isFinite(number.doubleValue())
                    ? null
                    : mustBe();
            case COUNT -> wholeNumberProblem(value, MAX_COUNT);
            case SMALL_COUNT -> wholeNumberProblem(value, MAX_SMALL_COUNT);
            case BOOLEAN -> value instanceof Boolean ? null : mustBe();
            case DURATION -> value instanceof String text ? durationProblem(text) : mustBe();
            case MEMBERS -> membersProblem(value);
            case REGION -> "eu".equals(value) || "us".equals(value) ? null : mustBe();
            case LIST -> value instanceof JsonArray list
                    ? list.size() > MAX_ENTRIES ? " must have at most " + MAX_ENTRIES + " entries" : null
                    : mustBe();
        };
    }

    private String mustBe() {
        return " must be " + description;
    }

    /** Too long for the store, or control characters (NUL, which PostgreSQL refuses; line breaks; escapes). */
    public static String textProblem(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return " must be at most " + MAX_TEXT_LENGTH + " characters";
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return " must not contain control characters";
        }
        return null;
    }

    private String listProblem(JsonArray list) {
        if (list.size() > MAX_ENTRIES) {
            return " must have at most " + MAX_ENTRIES + " entries";
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = list.getValue(i) instanceof String text ? textProblem(text) : " must be a string";
            if (problem != null) {
                return "[" + i + "]" + problem;
            }
        }
        return null;
    }

    private String mapProblem(JsonObject map) {
        if (map.size() > MAX_ENTRIES) {
            return " must have at most " + MAX_ENTRIES + " entries";
        }
        for (Map.Entry<String, Object> entry : map) {
            if (!(entry.getValue() instanceof String value)) {
                return mustBe();
            }
            // Names are not quoted back: they may be anything at all.
            if (textProblem(entry.getKey()) != null || textProblem(value) != null) {
                return " must hold names and values of at most " + MAX_TEXT_LENGTH
                        + " characters without control characters";
            }
        }
        return null;
    }

    private static String objectProblem(JsonObject object) {
        if (depth(object, 1) > MAX_OBJECT_DEPTH) {
            return " must be nested at most " + MAX_OBJECT_DEPTH + " levels deep";
        }
        return object.encode().length() > MAX_OBJECT_LENGTH
                ? " must be at most " + MAX_OBJECT_LENGTH + " characters as JSON"
                : null;
    }

    /** How deep objects and lists nest in {@code value}; stops counting once past the limit. */
    private static int depth(Object value, int level) {
        if (level > MAX_OBJECT_DEPTH) {
            return level;
        }
        Iterable<?> children;
        if (value instanceof JsonObject object) {
            children = object.getMap().values();
        } else if (value instanceof JsonArray list) {
            children = list.getList();
        } else if (value instanceof Map<?, ?> map) {
            children = map.values();
        } else if (value instanceof Iterable<?> list) {
            children = list;
        } else {
            return level - 1;
        }
        int deepest = level;
        for (Object child : children) {
            deepest = Math.max(deepest, depth(child, level + 1));
        }
        return deepest;
    }

    /**
     * A whole number within {@code max}, checked on its exact value: a number beyond 64 bits parses as a
     * BigInteger whose {@code longValue()} would silently wrap (2^64 + 5 would become 5).
     */
    private String wholeNumberProblem(Object value, BigDecimal max) {
        if (!(value instanceof Number number)) {
            return mustBe();
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(number.toString());
        } catch (NumberFormatException infiniteOrNaN) {
            return mustBe();
        }
        if (exact.signum() < 0 || exact.stripTrailingZeros().scale() > 0) {
            return mustBe();
        }
        return exact.compareTo(max) > 0 ? " must be at most " + max.toPlainString() : null;
    }

    private String durationProblem(String text) {
        if (text.length() > MAX_DURATION_LENGTH) {
            return " must be at most " + MAX_DURATION_LENGTH + " characters";
        }
        try {
            DurationText.parse(text);
            return null;
        } catch (IllegalArgumentException invalid) {
            return mustBe();
        }
    }

    private String membersProblem(Object value) {
        if (value instanceof JsonObject member) {
            return memberProblem(member);
        }
        if (!(value instanceof JsonArray list) || list.size() > MAX_ENTRIES) {
            return mustBe();
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = list.getValue(i) instanceof JsonObject member ? memberProblem(member) : mustBe();
            if (problem != null) {
                return "[" + i + "]" + problem;
            }
        }
        return null;
    }

    private String memberProblem(JsonObject member) {
        for (String field : member.fieldNames()) {
            if (!MEMBER_FIELDS.contains(field)) {
                return "." + field + " is not a member field; use " + new java.util.TreeSet<>(MEMBER_FIELDS);
            }
            Object text = member.getValue(field);
            String problem =
                    text == null ? null : text instanceof String string ? textProblem(string) : " must be a string";
            if (problem != null) {
                return "." + field + problem;
            }
        }
        if (member.getString("user_id") == null && member.getString("user_email") == null) {
            return " must have user_id or user_email";
        }
        return null;
    }
}
