package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Parser tests write their configs as YAML text; this reads it the way Vert.x Config's YAML format does. */
final class TestYaml {
    private TestYaml() {}

    @SuppressWarnings("unchecked")
    static JsonObject read(String yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return document == null ? new JsonObject() : new JsonObject((Map<String, Object>) document);
    }

    static JunctionConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static JunctionConfig parse(String yaml, Map<String, String> env) {
        return new ConfigParser().parse(read(yaml), env, "test.yaml");
    }
}
