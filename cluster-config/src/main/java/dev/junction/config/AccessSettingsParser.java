package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the access controls of {@code general_settings} into {@link AccessSettings}. */
final class AccessSettingsParser {
    private static final String PATH = "general_settings";
    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The keys read here; the parser of {@code general_settings} does not report them as ignored. */
    static final Set<String> KEYS = Set.of(
            "allowed_ips",
            "use_x_forwarded_for",
            "allowed_routes",
            "public_routes",
            "admin_only_routes",
            "enforced_params",
            "enforce_user_param",
            "reject_clientside_metadata_tags",
            "litellm_key_header_name",
            "global_max_parallel_requests",
            "max_response_size_mb",
            "user_api_key_cache_ttl",
            "enable_jwt_auth",
            "litellm_jwtauth");

    private AccessSettingsParser() {}

    static AccessSettings parse(JsonObject general, ParseContext context) {
        List<String> ips = Fields.strings(context, general.getValue("allowed_ips"), path("allowed_ips"));
        Long parallel = Fields.nonNegativeInteger(
                context, general.getValue("global_max_parallel_requests"), path("global_max_parallel_requests"));
        if (parallel != null && parallel == 0) {
            context.warn(
                    path("global_max_parallel_requests"),
                    "0 sets no limit here (LiteLLM's docs show 0 as a placeholder; LiteLLM would refuse every call)");
        }
        if (parallel != null && parallel > Integer.MAX_VALUE) {
            throw context.invalid(path("global_max_parallel_requests"), "at most " + Integer.MAX_VALUE, parallel);
        }
        Number responseMb =
                Fields.positiveNumber(context, general.getValue("max_response_size_mb"), path("max_response_size_mb"));
        Number cacheTtl = Fields.positiveNumber(
                context, general.getValue("user_api_key_cache_ttl"), path("user_api_key_cache_ttl"));
        return new AccessSettings(
                ips == null ? null : ipList(ips),
                flag(general, "use_x_forwarded_for", context),
                routes(general, "allowed_routes", context),
                orNone(routes(general, "public_routes", context)),
                orNone(routes(general, "admin_only_routes", context)),
                enforcedParams(general, context),
                flag(general, "enforce_user_param", context),
                flag(general, "reject_clientside_metadata_tags", context),
                keyHeaderName(general, context),
                parallel == null || parallel == 0 ? null : parallel.intValue(),
                responseMb == null ? null : (long) (responseMb.doubleValue() * 1024 * 1024),
                cacheTtl == null ? null : Duration.ofMillis(Math.round(cacheTtl.doubleValue() * 1000)),
                JwtSettingsParser.parse(general, context));
    }

    private static IpAllowList ipList(List<String> ips) {
        try {
            return IpAllowList.of(ips);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(path("allowed_ips"), invalid.getMessage());
        }
    }

    private static RouteList routes(JsonObject general, String key, ParseContext context) {
        List<String> routes = Fields.strings(context, general.getValue(key), path(key));
        if (routes == null) {
            return null;
        }
        try {
            return RouteList.of(routes);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(path(key), invalid.getMessage());
        }
    }

    private static RouteList orNone(RouteList routes) {
        return routes == null ? RouteList.NONE : routes;
    }

    /** Each a field name, or a dotted path into nested objects ({@code metadata.generation_name}). */
    private static List<String> enforcedParams(JsonObject general, ParseContext context) {
        List<String> params = Fields.strings(context, general.getValue("enforced_params"), path("enforced_params"));
        if (params == null) {
            return List.of();
        }
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            if (param.startsWith(".") || param.endsWith(".") || param.contains("..")) {
                throw context.invalid(
                        YamlPath.index(path("enforced_params"), i), "a field name or a dotted path", param);
            }
        }
        return params;
    }

    private static String keyHeaderName(JsonObject general, ParseContext context) {
        String header =
                Fields.string(context, general.getValue("litellm_key_header_name"), path("litellm_key_header_name"));
        if (header != null && !HEADER_NAME.matcher(header.strip()).matches()) {
            throw context.invalid(path("litellm_key_header_name"), "an HTTP header name", header);
        }
        return header == null ? null : header.strip();
    }

    private static boolean flag(JsonObject general, String key, ParseContext context) {
        return Boolean.TRUE.equals(Fields.bool(context, general.getValue(key), path(key)));
    }

    private static String path(String key) {
        return YamlPath.key(PATH, key);
    }
}
