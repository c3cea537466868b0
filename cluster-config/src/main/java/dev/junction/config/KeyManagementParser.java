package dev.junction.config;

import dev.junction.config.KeyManagementSettings.KeyGenerationRules;
import dev.junction.config.KeyManagementSettings.Rule;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** Reads the key and user defaults of {@code litellm_settings} into {@link KeyManagementSettings}. */
final class KeyManagementParser {
    private static final String PATH = "litellm_settings";
    static final String DEFAULTS = "default_key_generate_params";
    static final String UPPERBOUND = "upperbound_key_generate_params";
    static final String GENERATION = "key_generation_settings";
    static final String USER_BUDGET = "max_internal_user_budget";
    static final String USER_BUDGET_DURATION = "internal_user_budget_duration";

    /** The keys read here; the other parsers of {@code litellm_settings} leave them alone. */
    static final Set<String> KEYS = Set.of(DEFAULTS, UPPERBOUND, GENERATION, USER_BUDGET, USER_BUDGET_DURATION);

    /** The fields LiteLLM bounds (its LiteLLM_UpperboundKeyGenerateParams). */
    private static final Set<String> BOUNDED =
            Set.of("max_budget", "budget_duration", "duration", "max_parallel_requests", "tpm_limit", "rpm_limit");
    /** The fields LiteLLM's /key/generate fills in from its defaults. */
    private static final Set<String> DEFAULTED = union(BOUNDED, Set.of("user_id", "team_id", "models", "metadata"));

    private static final Set<String> USER_ROLES = Set.of(
            "proxy_admin",
            "proxy_admin_viewer",
            "org_admin",
            "internal_user",
            "internal_user_viewer",
            "team",
            "customer");
    private static final Set<String> TEAM_MEMBER_ROLES = Set.of("admin", "user");

    private KeyManagementParser() {}

    static KeyManagementSettings parse(Object litellmSettings, ParseContext context) {
        JsonObject section = Fields.object(context, litellmSettings, PATH);
        if (section == null) {
            return KeyManagementSettings.NONE;
        }
        Number budget = Fields.nonNegativeNumber(context, section.getValue(USER_BUDGET), path(USER_BUDGET));
        return new KeyManagementSettings(
                params(section, DEFAULTS, DEFAULTED, context),
                params(section, UPPERBOUND, BOUNDED, context),
                generation(section, context),
                budget == null ? null : budget.doubleValue(),
                duration(context, section.getValue(USER_BUDGET_DURATION), path(USER_BUDGET_DURATION)));
    }

    /** The fields LiteLLM reads of a parameter map, each checked as {@code /key/generate} checks it. */
    private static JsonObject params(JsonObject section, String key, Set<String> fields, ParseContext context) {
        String path = path(key);
        JsonObject given = Fields.object(context, section.getValue(key), path);
        if (given == null) {
            return null;
        }
        JsonObject checked = new JsonObject();
        for (String field : given.fieldNames()) {
            String fieldPath = YamlPath.key(path, field);
            Object value = given.getValue(field);
            if (!fields.contains(field)) {
                context.warn(fieldPath, "not read by LiteLLM's /key/generate; ignored");
            } else if (value != null) {
                checked.put(field, param(field, value, fieldPath, context));
            }
        }
        return checked;
    }

    private static Object param(String field, Object value, String path, ParseContext context) {
        return switch (field) {
            case "max_budget" -> Fields.nonNegativeNumber(context, value, path).doubleValue();
            case "tpm_limit", "rpm_limit" -> Fields.nonNegativeInteger(context, value, path);
            case "max_parallel_requests" -> {
                Long count = Fields.nonNegativeInteger(context, value, path);
                if (count > Integer.MAX_VALUE) {
                    throw context.invalid(path, "at most " + Integer.MAX_VALUE, value);
                }
                yield count.intValue();
            }
            case "duration", "budget_duration" -> duration(context, value, path);
            case "models" -> new io.vertx.core.json.JsonArray(List.copyOf(Fields.strings(context, value, path)));
            case "metadata" -> Fields.object(context, value, path);
            default -> Fields.requiredString(context, value, path); // user_id, team_id
        };
    }

    private static KeyGenerationRules generation(JsonObject section, ParseContext context) {
        String path = path(GENERATION);
        JsonObject given = Fields.object(context, section.getValue(GENERATION), path);
        if (given == null) {
            return null;
        }
        for (String field : given.fieldNames()) {
            if (!field.equals("team_key_generation") && !field.equals("personal_key_generation")) {
                context.warn(YamlPath.key(path, field), "not read by LiteLLM's /key/generate; ignored");
            }
        }
        Rule team = rule(given, "team_key_generation", "allowed_team_member_roles", TEAM_MEMBER_ROLES, context);
        Rule personal = rule(given, "personal_key_generation", "allowed_user_roles", USER_ROLES, context);
        // LiteLLM's own rule for team keys when none is set: members of the team, admins and users alike.
        return new KeyGenerationRules(team == null ? new Rule(List.of("admin", "user"), List.of()) : team, personal);
    }

    private static Rule rule(
            JsonObject settings, String key, String rolesKey, Set<String> roles, ParseContext context) {
        String path = YamlPath.key(path(GENERATION), key);
        JsonObject given = Fields.object(context, settings.getValue(key), path);
        if (given == null) {
            return null;
        }
        for (String field : given.fieldNames()) {
            if (!field.equals(rolesKey) && !field.equals("required_params")) {
                context.warn(YamlPath.key(path, field), "not read by LiteLLM's /key/generate; ignored");
            }
        }
        String rolesPath = YamlPath.key(path, rolesKey);
        List<String> allowed = Fields.strings(context, given.getValue(rolesKey), rolesPath);
        if (allowed != null) {
            for (int i = 0; i < allowed.size(); i++) {
                if (!roles.contains(allowed.get(i))) {
                    throw context.invalid(YamlPath.index(rolesPath, i), "one of " + sorted(roles), allowed.get(i));
                }
            }
        }
        List<String> required =
                Fields.strings(context, given.getValue("required_params"), YamlPath.key(path, "required_params"));
        return new Rule(allowed, required);
    }

    private static String duration(ParseContext context, Object value, String path) {
        String text = Fields.string(context, value, path);
        if (text == null) {
            return null;
        }
        try {
            LiteLlmDuration.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw context.invalid(path, "a duration such as 30s, 30m, 30h, 30d or 1mo", value);
        }
        return text;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        java.util.Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }

    private static String path(String key) {
        return YamlPath.key(PATH, key);
    }
}
