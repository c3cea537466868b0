package dev.junction.config;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * LiteLLM's {@code include:}: a list of YAML files, relative to the main config's directory, whose sections are
 * added to the main config in order. A list section ({@code model_list}) is extended by an included file's;
 * any other section is replaced by it. Only the main file's {@code include} is read, as in LiteLLM, and an
 * included file that has one is refused rather than half-read.
 */
final class ConfigIncludes {
    static final String KEY = "include";

    private ConfigIncludes() {}

    /**
     * The document with its included files merged in and {@code include} removed.
     *
     * @param document the main file, as read
     * @param directory the main file's directory
     * @param read reads one YAML file; fails with a {@link ConfigException} naming it
     */
    static Future<JsonObject> apply(JsonObject document, Path directory, Function<Path, Future<JsonObject>> read) {
        Object value = document.getValue(KEY);
        if (value == null) {
            return Future.succeededFuture(document);
        }
        if (!(value instanceof JsonArray files) || !files.stream().allMatch(String.class::isInstance)) {
            return Future.failedFuture(
                    new ConfigException(KEY, "expected a list of YAML file paths, relative to the config file"));
        }
        JsonObject merged = document.copy();
        merged.remove(KEY);
        Future<JsonObject> done = Future.succeededFuture(merged);
        List<?> names = files.getList();
        for (int i = 0; i < names.size(); i++) {
            String at = YamlPath.index(KEY, i);
            Path file = directory.resolve((String) names.get(i)).normalize();
            done = done.compose(config -> read.apply(file)
                    .recover(failure -> Future.failedFuture(new ConfigException(at, describe(file, failure))))
                    .compose(included -> mergeIn(config, included, at, file)));
        }
        return done;
    }

    private static Future<JsonObject> mergeIn(JsonObject config, JsonObject included, String at, Path file) {
        if (included.containsKey(KEY)) {
            return Future.failedFuture(new ConfigException(
                    at, file + " has an include of its own; only the main config's include is read"));
        }
        for (String section : included.fieldNames()) {
            Object value = included.getValue(section);
            if (value instanceof JsonArray extra && config.getValue(section) instanceof JsonArray existing) {
                existing.addAll(extra);
            } else {
                config.put(section, value);
            }
        }
        return Future.succeededFuture(config);
    }

    private static String describe(Path file, Throwable failure) {
        String reason = failure instanceof ConfigException config ? config.problem() : failure.getMessage();
        return file + ": " + reason;
    }
}
