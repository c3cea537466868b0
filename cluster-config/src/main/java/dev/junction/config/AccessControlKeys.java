package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The config keys that restrict who may do what, which Junction reads but does not enforce yet. Ignoring one
 * would silently allow what the config forbids, so the node refuses to start with any of them unless told
 * otherwise. Keys whose absence only makes Junction stricter (a UI setting, where Junction serves no UI; an
 * upsert, where Junction then refuses the unknown team) are not among them: those are only reported.
 */
final class AccessControlKeys {
    /** Enforcement features of LiteLLM that Junction does not implement, by YAML path. */
    private static final Set<String> PATHS = Set.of(
            "guardrails",
            "general_settings.custom_auth",
            "general_settings.custom_auth_settings",
            "general_settings.enable_oauth2_auth",
            "general_settings.enable_oauth2_proxy_auth",
            "general_settings.oauth2_config_mappings",
            "general_settings.role_permissions",
            "general_settings.default_team_disabled",
            "general_settings.service_account_settings",
            "litellm_settings.guardrails",
            "litellm_settings.max_budget",
            "litellm_settings.max_end_user_budget");

    /** {@code litellm_jwtauth} keys whose absence only makes Junction stricter. */
    private static final Set<String> LENIENT_JWT_KEYS = Set.of(
            "team_id_upsert",
            "user_id_upsert",
            "upsert_sso_user_to_team",
            "public_allowed_routes",
            "virtual_key_mapping_cache_ttl");

    /** Callbacks of {@code litellm_settings} that moderate or block requests: guardrails by another name. */
    private static final Set<String> GUARD_CALLBACKS = Set.of(
            "hide_secrets",
            "secret_detection",
            "llamaguard_moderations",
            "llmguard_moderations",
            "openai_moderations",
            "google_text_moderation",
            "lakera_prompt_injection",
            "detect_prompt_injection",
            "aporia_prompt_injection",
            "presidio",
            "azure_content_safety",
            "bedrock_guardrails",
            "max_budget_limiter");

    private static final List<String> CALLBACK_KEYS = List.of("callbacks", "success_callback", "failure_callback");

    private AccessControlKeys() {}

    /**
     * The YAML paths of the access controls that {@code document} sets and Junction does not enforce.
     *
     * @param ignoredKeys the paths the parse reported as not acted on
     */
    static List<String> unenforced(JsonObject document, List<String> ignoredKeys) {
        List<String> found = new ArrayList<>();
        for (String path : ignoredKeys) {
            if (PATHS.contains(path) || isStrictJwtKey(path)) {
                found.add(path);
            }
        }
        JsonObject litellm = document.getValue("litellm_settings") instanceof JsonObject section ? section : null;
        for (String key : CALLBACK_KEYS) {
            if (litellm != null && litellm.getValue(key) instanceof JsonArray callbacks) {
                for (Object callback : callbacks) {
                    if (callback instanceof String name && GUARD_CALLBACKS.contains(name)) {
                        found.add("litellm_settings." + key + ": " + name);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean isStrictJwtKey(String path) {
        String prefix = JwtSettingsParser.PATH + ".";
        return path.startsWith(prefix) && !LENIENT_JWT_KEYS.contains(path.substring(prefix.length()));
    }
}
