package dev.junction.config;

import dev.junction.cluster.error.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one parse run learns besides the records: which values came from which environment variable, which
 * variables were unset, the warnings and the ignored keys. It also words the errors, so that no message
 * ever shows a value that may be a credential.
 */
final class ParseContext {
    private static final int MAX_SHOWN_VALUE = 60;

    private Environment environment;
    private final Map<String, String> unset = new LinkedHashMap<>();
    private final Map<String, String> fromEnvironment = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> ignoredKeys = new ArrayList<>();
    private final List<SkippedDeployment> skipped = new ArrayList<>();

    ParseContext(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    /** Lays the file's {@code environment_variables} over the environment for everything read later. */
    void overlay(Map<String, String> variables) {
        environment = environment.withOverlay(variables);
    }

    void resolved(String path, String variable) {
        fromEnvironment.put(path, variable);
    }

    void unset(String path, String variable) {
        unset.put(path, variable);
    }

    boolean isUnset(String path) {
        return unset.containsKey(path);
    }

    /** Drops what was recorded under {@code prefix}, for a part of the file that is not loaded. */
    void forget(String prefix) {
        unset.keySet().removeIf(path -> isUnder(path, prefix));
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }

    void warn(String path, String problem) {
        warnings.add(path + ": " + problem);
    }

    void ignore(String path) {
        ignoredKeys.add(path);
    }

    /** A deployment left out because Junction does not speak its provider. */
    void skip(SkippedDeployment deployment) {
        skipped.add(deployment);
    }

    List<SkippedDeployment> skipped() {
        return List.copyOf(skipped);
    }

    /** The error for a required value that is absent, naming the variable when an unset one caused it. */
    ConfigException missing(String path) {
        return missing(path, "is required");
    }

    /** As {@link #missing(String)}, with {@code problem} worded for the case of no value at all. */
    ConfigException missing(String path, String problem) {
        Optional<String> variable = Optional.ofNullable(unset.get(path));
        return new ConfigException(
                path,
                variable.map(name -> "environment variable " + name + " is not set")
                        .orElse(problem));
    }

    ConfigException invalid(String path, String expected, Object actual) {
        return new ConfigException(path, "expected " + expected + ", got " + describe(path, actual));
    }

    /** A value as an error message may show it: credentials and environment values by their kind only. */
    String describe(String path, Object value) {
        String variable = fromEnvironment.get(path);
        if (variable != null) {
            return kind(value) + " from environment variable " + variable;
        }
        if (looksSensitive(path) || path.startsWith("environment_variables")) {
            return kind(value); // environment variables hold credentials more often than not
        }
        // Masked as answers to clients are: a URL's user info and signed query, keys and tokens anywhere.
        String shown =
                Redactor.redact(value instanceof String text ? '"' + text + '"' : String.valueOf(value), List.of());
        return shown.length() > MAX_SHOWN_VALUE ? shown.substring(0, MAX_SHOWN_VALUE) + "..." : shown;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "nothing";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof io.vertx.core.json.JsonArray) {
            return "a list";
        }
        return "a map";
    }

    private static boolean looksSensitive(String path) {
        String key = path.substring(path.lastIndexOf('.') + 1).toLowerCase();
        return key.contains("key")
                || key.contains("token")
                || key.contains("secret")
                || key.contains("password")
                || key.contains("credential")
                || key.contains("url")
                || key.contains("header");
    }

    /**
     * The warnings, ending with one per unset variable whose value was left out. Values under ignored keys
     * are not mentioned: the key is already reported, and its value does not matter yet.
     */
    List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        unset.forEach((path, variable) -> {
            if (ignoredKeys.stream().noneMatch(ignored -> isUnder(path, ignored))) {
                all.add(path + ": environment variable " + variable + " is not set; the value is left out");
            }
        });
        return all;
    }

    List<String> ignoredKeys() {
        return List.copyOf(ignoredKeys);
    }
}
