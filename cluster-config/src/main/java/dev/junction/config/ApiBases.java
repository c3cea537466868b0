package dev.junction.config;

import io.vertx.core.json.JsonObject;

/**
 * A deployment's own {@code api_base}, without trailing slashes. Its form is not checked further: LiteLLM's own
 * examples use placeholders such as {@code your_ollama_api_base}, and such a config must still load.
 */
final class ApiBases {
    private ApiBases() {}

    /**
     * The configured endpoint, or null when none is set.
     *
     * @param path the YAML path of {@code litellm_params}
     * @throws ConfigException when it is not a string
     */
    static String given(JsonObject params, String path, ParseContext context) {
        String basePath = YamlPath.key(path, "api_base");
        String given = Fields.string(context, params.getValue("api_base"), basePath);
        if (given == null || given.isBlank()) {
            return null;
        }
        return stripTrailingSlashes(given.trim());
    }

    static String stripTrailingSlashes(String base) {
        String out = base;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
