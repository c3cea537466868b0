package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code general_settings.enable_jwt_auth} and {@code litellm_jwtauth}, and the JWT environment. */
final class JwtSettingsParser {
    static final String PATH = "general_settings.litellm_jwtauth";
    static final String KEYS_URL_VARIABLE = "JWT_PUBLIC_KEY_URL";
    static final String AUDIENCE_VARIABLE = "JWT_AUDIENCE";

    /** The {@code litellm_jwtauth} keys Junction acts on; every other one is reported as not enforced. */
    static final Set<String> SUPPORTED = Set.of(
            "admin_jwt_scope",
            "admin_allowed_routes",
            "team_id_jwt_field",
            "team_id_default",
            "team_ids_jwt_field",
            "team_allowed_routes",
            "user_id_jwt_field",
            "user_email_jwt_field",
            "user_roles_jwt_field",
            "user_allowed_roles",
            "public_key_ttl",
            "enforce_rbac",
            "enforce_team_based_model_access",
            "enforce_scope_based_access",
            "scope_mappings");

    private JwtSettingsParser() {}

    /** The JWT settings, or null when {@code enable_jwt_auth} is not true. */
    static JwtSettings parse(JsonObject general, ParseContext context) {
        Boolean enabled = Fields.bool(context, general.getValue("enable_jwt_auth"), "general_settings.enable_jwt_auth");
        JsonObject section = Fields.object(context, general.getValue("litellm_jwtauth"), PATH);
        JsonObject auth = section == null ? new JsonObject() : section;
        auth.fieldNames().stream()
                .filter(key -> !SUPPORTED.contains(key))
                .forEach(key -> context.ignore(YamlPath.key(PATH, key)));
        if (!Boolean.TRUE.equals(enabled)) {
            return null;
        }
        return new JwtSettings(
                keysUrls(context),
                context.environment()
                        .get(AUDIENCE_VARIABLE)
                        .filter(text -> !text.isBlank())
                        .orElse(null),
                publicKeyTtl(auth, context),
                text(auth, "admin_jwt_scope", context, JwtSettings.DEFAULT_ADMIN_SCOPE),
                routes(auth, "admin_allowed_routes", JwtSettings.DEFAULT_ADMIN_ROUTES, context),
                text(auth, "team_id_jwt_field", context, null),
                text(auth, "team_id_default", context, null),
                text(auth, "team_ids_jwt_field", context, null),
                routes(auth, "team_allowed_routes", JwtSettings.DEFAULT_TEAM_ROUTES, context),
                text(auth, "user_id_jwt_field", context, null),
                text(auth, "user_email_jwt_field", context, null),
                userRolesField(auth, context),
                Fields.strings(context, auth.getValue("user_allowed_roles"), path("user_allowed_roles")),
                flag(auth, "enforce_rbac", context),
                flag(auth, "enforce_team_based_model_access", context),
                scopeModels(auth, context));
    }

    private static List<String> keysUrls(ParseContext context) {
        String variable = context.environment().get(KEYS_URL_VARIABLE).orElse("");
        List<String> urls = Arrays.stream(variable.split(","))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .toList();
        if (urls.isEmpty()) {
            throw new ConfigException(
                    "general_settings.enable_jwt_auth",
                    "needs the environment variable " + KEYS_URL_VARIABLE
                            + ": the URL of your identity provider's JSON Web Key Set");
        }
        for (String url : urls) {
            if (!HttpUrls.isAbsoluteHttp(url)) {
                throw new ConfigException(
                        "general_settings.enable_jwt_auth",
                        KEYS_URL_VARIABLE + " must hold absolute http(s) URLs, comma-separated; one is not");
            }
        }
        return urls;
    }

    private static Duration publicKeyTtl(JsonObject auth, ParseContext context) {
        Number seconds = Fields.positiveNumber(context, auth.getValue("public_key_ttl"), path("public_key_ttl"));
        return seconds == null
                ? JwtSettings.DEFAULT_PUBLIC_KEY_TTL
                : Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
    }

    private static String userRolesField(JsonObject auth, ParseContext context) {
        String field = text(auth, "user_roles_jwt_field", context, null);
        boolean roles = auth.getValue("user_allowed_roles") != null;
        if ((field != null) != roles) {
            // LiteLLM refuses one without the other: roles in a claim mean nothing without the allowed ones.
            throw new ConfigException(PATH, "user_roles_jwt_field and user_allowed_roles go together");
        }
        return field;
    }

    private static Map<String, List<String>> scopeModels(JsonObject auth, ParseContext context) {
        boolean enforce = flag(auth, "enforce_scope_based_access", context);
        JsonArray mappings = Fields.list(context, auth.getValue("scope_mappings"), path("scope_mappings"));
        if (mappings != null && !enforce) {
            throw new ConfigException(
                    path("scope_mappings"), "is read only with enforce_scope_based_access: true; set it too");
        }
        Map<String, List<String>> models = new LinkedHashMap<>();
        for (int i = 0; mappings != null && i < mappings.size(); i++) {
            String at = YamlPath.index(path("scope_mappings"), i);
            JsonObject mapping = Fields.object(context, mappings.getValue(i), at);
            if (mapping == null) {
                throw context.invalid(at, "a map with scope and models", null);
            }
            String scope = Fields.requiredString(context, mapping.getValue("scope"), YamlPath.key(at, "scope"));
            List<String> granted = Fields.strings(context, mapping.getValue("models"), YamlPath.key(at, "models"));
            models.merge(scope, granted == null ? List.of() : granted, JwtSettingsParser::both);
        }
        return models;
    }

    private static List<String> both(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static RouteList routes(JsonObject auth, String key, List<String> defaults, ParseContext context) {
        List<String> routes = Fields.strings(context, auth.getValue(key), path(key));
        try {
            return RouteList.of(routes == null ? defaults : routes);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(path(key), invalid.getMessage());
        }
    }

    private static String text(JsonObject auth, String key, ParseContext context, String fallback) {
        String value = Fields.string(context, auth.getValue(key), path(key));
        if (value != null && value.isBlank()) {
            throw new ConfigException(path(key), "must not be empty");
        }
        return value == null ? fallback : value;
    }

    private static boolean flag(JsonObject auth, String key, ParseContext context) {
        return Boolean.TRUE.equals(Fields.bool(context, auth.getValue(key), path(key)));
    }

    private static String path(String key) {
        return YamlPath.key(PATH, key);
    }
}
