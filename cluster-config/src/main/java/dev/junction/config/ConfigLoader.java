package dev.junction.config;

import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a LiteLLM {@code config.yaml} with Vert.x Config and hands it to {@link ConfigParser}. Every failure
 * is a {@link ConfigException} whose path is the file (for I/O and YAML syntax) or the YAML path.
 */
public final class ConfigLoader {
    /** The built-in demo config: mocked deployments, so a new user can send requests without any key. */
    public static final String DEMO_RESOURCE = "junction-demo.yaml";

    private ConfigLoader() {}

    /** Loads {@code file}, resolving {@code os.environ/} against the process environment. */
    public static Future<JunctionConfig> load(Vertx vertx, Path file) {
        return load(vertx, file, System.getenv());
    }

    /** Loads {@code file}, resolving {@code os.environ/} against {@code env}. */
    public static Future<JunctionConfig> load(Vertx vertx, Path file, Map<String, String> env) {
        // Absolute, so Vert.x never falls back to a classpath resource of the same name.
        Path absolute = file.toAbsolutePath();
        return readFile(vertx, absolute, file.toString())
                .compose(json -> ConfigIncludes.apply(
                        json, absolute.getParent(), included -> readFile(vertx, included, included.toString())))
                .map(json -> new ConfigParser().parse(json, env, file.toString()));
    }

    /** Reads one YAML file; every failure is a {@link ConfigException} naming {@code shown}. */
    private static Future<JsonObject> readFile(Vertx vertx, Path absolute, String shown) {
        String path = absolute.toString();
        return vertx.fileSystem()
                .exists(path)
                .compose(exists -> exists
                        ? readYaml(vertx, path)
                        : Future.failedFuture(new ConfigException(shown, "file not found")))
                .recover(error -> Future.failedFuture(asConfigException(shown, error)));
    }

    /** Loads the built-in demo config ({@value #DEMO_RESOURCE} on the classpath). */
    public static Future<JunctionConfig> loadDemo(Vertx vertx) {
        String source = "classpath:" + DEMO_RESOURCE;
        return vertx.executeBlocking(ConfigLoader::readDemoResource)
                .compose(bytes -> parseYaml(vertx, bytes))
                .recover(error -> Future.failedFuture(asConfigException(source, error)))
                .map(json -> new ConfigParser().parse(json, System.getenv(), source));
    }

    private static Future<JsonObject> readYaml(Vertx vertx, String path) {
        return vertx.fileSystem().readFile(path).compose(bytes -> parseYaml(vertx, bytes));
    }

    // A file of only blank lines or comments holds no YAML document: read as an empty one, as an empty file is.
    private static Future<JsonObject> parseYaml(Vertx vertx, Buffer bytes) {
        return new YamlProcessor()
                .process(vertx, new JsonObject(), bytes)
                .map(json -> json == null ? new JsonObject() : json);
    }

    private static Buffer readDemoResource() throws IOException {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource not found");
            }
            return Buffer.buffer(in.readAllBytes());
        }
    }

    private static ConfigException asConfigException(String source, Throwable error) {
        if (error instanceof ConfigException config) {
            return config;
        }
        ConfigException wrapped = new ConfigException(source, describe(error));
        if (yamlError(error) == null) {
            wrapped.initCause(error); // a YAML error's own message quotes the file, so it is left out
        }
        return wrapped;
    }

    private static MarkedYAMLException yamlError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml) {
                return yaml;
            }
        }
        return null;
    }

    // SnakeYAML's full message quotes the offending line, which may hold a key: keep only problem and place.
    private static String describe(Throwable error) {
        MarkedYAMLException yaml = yamlError(error);
        if (yaml != null) {
            Mark mark = yaml.getProblemMark();
            String place =
                    mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            return "not valid YAML: " + yaml.getProblem() + place;
        }
        if (error.getCause() instanceof ClassCastException) {
            return "not valid YAML: the top level must be a map of sections";
        }
        return "cannot be read: " + error;
    }
}
