package dev.junction.config;

/** Builds the paths error messages use: {@code model_list[2].litellm_params.api_key}. */
final class YamlPath {
    private YamlPath() {}

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
