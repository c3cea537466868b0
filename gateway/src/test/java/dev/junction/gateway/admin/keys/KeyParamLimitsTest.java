package dev.junction.gateway.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.KeyManagementSettings;
import dev.junction.gateway.admin.AdminRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class KeyParamLimitsTest {
    private static final KeyManagementSettings SETTINGS = new KeyManagementSettings(
            new JsonObject().put("max_budget", 3.0).put("tpm_limit", 50L).put("models", new JsonArray().add("cheap")),
            new JsonObject().put("max_budget", 2.0).put("budget_duration", "7d").put("tpm_limit", 100L),
            null,
            null,
            null);

    private static AdminRequest apply(JsonObject body) {
        return KeyParamLimits.apply(AdminRequest.of(body), SETTINGS);
    }

    @Test
    void a_default_over_the_bound_is_refused_as_litellm_checks_after_filling_in() {
        assertThatThrownBy(() -> apply(new JsonObject()))
                .isInstanceOfSatisfying(GatewayException.class, refused -> assertThat(refused.getMessage())
                        .isEqualTo("max_budget is over max limit set in config - user_value=3.0; max_value=2.0"));
    }

    @Test
    void defaults_replace_null_and_empty_values_and_bounds_fill_what_is_left() {
        AdminRequest made = apply(
                new JsonObject().put("max_budget", 1).put("tpm_limit", null).put("models", new JsonArray()));
        assertThat(made.count("tpm_limit")).isEqualTo(50L);
        assertThat(made.strings("models")).containsExactly("cheap");
        assertThat(made.string("budget_duration")).isEqualTo("7d");
        assertThat(made.money("max_budget")).isEqualTo(1.0);
    }

    @Test
    void durations_are_compared_by_length_not_text() {
        assertThat(apply(new JsonObject().put("max_budget", 1).put("budget_duration", "1w"))
                        .string("budget_duration"))
                .isEqualTo("1w");
        assertThatThrownBy(() -> apply(new JsonObject().put("max_budget", 1).put("budget_duration", "8d")))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("budget_duration is over max limit set in config - user_value=8d; max_value=7d");
    }
}
