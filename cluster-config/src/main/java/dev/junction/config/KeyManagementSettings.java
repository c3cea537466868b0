package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code litellm_settings} that shape what the management API makes: keys' defaults and bounds, who may make
 * keys, and a new internal user's budget. Each value is as validated at load; null means not configured.
 *
 * @param defaultKeyParams {@code default_key_generate_params}: values {@code /key/generate} fills in for the
 *     fields a request leaves out (or sends as null; an empty {@code models} or {@code metadata} too)
 * @param upperboundKeyParams {@code upperbound_key_generate_params}: the most a new key may be given of {@code
 *     max_budget}, {@code budget_duration}, {@code duration}, {@code max_parallel_requests}, {@code tpm_limit},
 *     {@code rpm_limit}; a field left out gets the bound
 * @param keyGeneration {@code key_generation_settings}: who may make team and personal keys, and what they must
 *     name
 * @param maxInternalUserBudget {@code max_internal_user_budget}: a new internal user's {@code max_budget} when
 *     {@code /user/new} names none
 * @param internalUserBudgetDuration {@code internal_user_budget_duration}: likewise for {@code budget_duration}
 */
public record KeyManagementSettings(
        JsonObject defaultKeyParams,
        JsonObject upperboundKeyParams,
        KeyGenerationRules keyGeneration,
        Double maxInternalUserBudget,
        String internalUserBudgetDuration) {

    public static final KeyManagementSettings NONE = new KeyManagementSettings(null, null, null, null, null);

    public KeyManagementSettings {
        defaultKeyParams = defaultKeyParams == null ? null : defaultKeyParams.copy();
        upperboundKeyParams = upperboundKeyParams == null ? null : upperboundKeyParams.copy();
    }

    /** A copy: the settings are shared by every request. */
    @Override
    public JsonObject defaultKeyParams() {
        return defaultKeyParams == null ? null : defaultKeyParams.copy();
    }

    /** A copy: the settings are shared by every request. */
    @Override
    public JsonObject upperboundKeyParams() {
        return upperboundKeyParams == null ? null : upperboundKeyParams.copy();
    }

    /**
     * LiteLLM's {@code key_generation_settings}.
     *
     * @param team {@code team_key_generation}: for keys with a {@code team_id} (LiteLLM's default when unset:
     *     team members of role {@code admin} or {@code user})
     * @param personal {@code personal_key_generation}: for keys without one, or null when unset (anyone)
     */
    public record KeyGenerationRules(Rule team, Rule personal) {}

    /**
     * Who may make a kind of key and what the request must name.
     *
     * @param allowedRoles {@code allowed_team_member_roles} or {@code allowed_user_roles}, or null for any
     * @param requiredParams {@code required_params}: fields the request must set
     */
    public record Rule(List<String> allowedRoles, List<String> requiredParams) {
        public Rule {
            allowedRoles = allowedRoles == null ? null : List.copyOf(allowedRoles);
            requiredParams = requiredParams == null ? List.of() : List.copyOf(requiredParams);
        }
    }
}
