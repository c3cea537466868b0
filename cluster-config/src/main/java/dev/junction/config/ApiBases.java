package dev.junction.config;

import io.vertx.core.json.JsonObject;

/**
 * A deployment's own {@code api_base}, checked to be an absolute http(s) URL and given without trailing slashes.
 * Checked before the provider is looked up, so a deployment skipped for its provider is refused all the same.
 */
final class ApiBases {
    private ApiBases() {}

    /**
     * The configured endpoint, or null when none is set.
     *
     * @param path the YAML path of {@code litellm_params}
     * @throws ConfigException when it is not a string, or not an absolute http(s) URL with a host
     */
    static String given(JsonObject params, String path, ParseContext context) {
        String basePath = YamlPath.key(path, "api_base");
        String given = Fields.string(context, params.getValue("api_base"), basePath);
        if (given == null || given.isBlank()) {
            return null;
        }
        requireHttpUrl(given.trim(), basePath, context);
        return stripTrailingSlashes(given.trim());
    }

    /**
     * Every call would fail on anything but an absolute http(s) URL with a host, parsed as the provider's HTTP
     * client parses it; refused here, at start-up, rather than as an opaque error on each call.
     */
    static void requireHttpUrl(String base, String path, ParseContext context) {
        if (!HttpUrls.isAbsoluteHttp(base)) {
            throw context.invalid(path, "an absolute http:// or https:// URL such as https://host:port/v1", base);
        }
    }

    static String stripTrailingSlashes(String base) {
        String out = base;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
