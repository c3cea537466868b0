package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyManagementParserTest {

    @Test
    void key_and_user_defaults_are_typed_and_no_longer_stop_start_up() {
        JunctionConfig config = TestYaml.parse(
                """
                litellm_settings:
                  default_key_generate_params:
                    max_budget: 2
                    duration: 30d
                    models: [gpt-4o]
                    metadata: {project: demo}
                    rpm_limit: "10"
                  upperbound_key_generate_params:
                    max_budget: 5
                    budget_duration: 1mo
                    max_parallel_requests: 4
                  key_generation_settings:
                    team_key_generation:
                      allowed_team_member_roles: [admin]
                      required_params: [key_alias]
                    personal_key_generation:
                      allowed_user_roles: [proxy_admin]
                  max_internal_user_budget: 10
                  internal_user_budget_duration: 1w
                """);
        KeyManagementSettings keys = config.keyManagement();
        assertThat(config.unenforcedAccessControls()).isEmpty();
        assertThat(config.ignoredKeys()).isEmpty();
        assertThat(keys.defaultKeyParams())
                .isEqualTo(new JsonObject()
                        .put("max_budget", 2.0)
                        .put("duration", "30d")
                        .put("models", new JsonArray().add("gpt-4o"))
                        .put("metadata", new JsonObject().put("project", "demo"))
                        .put("rpm_limit", 10L));
        assertThat(keys.upperboundKeyParams())
                .isEqualTo(new JsonObject()
                        .put("max_budget", 5.0)
                        .put("budget_duration", "1mo")
                        .put("max_parallel_requests", 4));
        assertThat(keys.keyGeneration().team())
                .isEqualTo(new KeyManagementSettings.Rule(List.of("admin"), List.of("key_alias")));
        assertThat(keys.keyGeneration().personal().allowedRoles()).containsExactly("proxy_admin");
        assertThat(keys.maxInternalUserBudget()).isEqualTo(10.0);
        assertThat(keys.internalUserBudgetDuration()).isEqualTo("1w");
    }

    @Test
    void without_team_key_generation_team_keys_take_litellms_default_roles() {
        KeyManagementSettings keys = TestYaml.parse(
                        "litellm_settings: {key_generation_settings: {personal_key_generation: {required_params: [models]}}}")
                .keyManagement();
        assertThat(keys.keyGeneration().team().allowedRoles()).containsExactly("admin", "user");
        assertThat(keys.keyGeneration().personal().allowedRoles()).isNull();
        assertThat(keys.keyGeneration().personal().requiredParams()).containsExactly("models");
    }

    @Test
    void nothing_configured_leaves_every_setting_unset() {
        assertThat(TestYaml.parse("litellm_settings: {num_retries: 1}").keyManagement())
                .isEqualTo(KeyManagementSettings.NONE);
    }

    @Test
    void fields_litellm_does_not_read_are_warned_about_not_refused() {
        JunctionConfig config =
                TestYaml.parse("litellm_settings: {upperbound_key_generate_params: {max_budget: 5, key_alias: x}}");
        assertThat(config.keyManagement().upperboundKeyParams()).isEqualTo(new JsonObject().put("max_budget", 5.0));
        assertThat(config.warnings())
                .contains(
                        "litellm_settings.upperbound_key_generate_params.key_alias: not read by LiteLLM's /key/generate; ignored");
    }

    @Test
    void bad_values_stop_start_up_naming_their_path() {
        assertRefused(
                "{upperbound_key_generate_params: {max_budget: -1}}",
                "litellm_settings.upperbound_key_generate_params.max_budget");
        assertRefused(
                "{upperbound_key_generate_params: {duration: forever}}",
                "litellm_settings.upperbound_key_generate_params.duration");
        assertRefused(
                "{default_key_generate_params: {rpm_limit: 1.5}}",
                "litellm_settings.default_key_generate_params.rpm_limit");
        assertRefused(
                "{default_key_generate_params: {max_parallel_requests: 3000000000}}",
                "litellm_settings.default_key_generate_params.max_parallel_requests");
        assertRefused(
                "{default_key_generate_params: {models: gpt-4o}}",
                "litellm_settings.default_key_generate_params.models");
        assertRefused("{default_key_generate_params: [1]}", "litellm_settings.default_key_generate_params");
        assertRefused(
                "{key_generation_settings: {team_key_generation: {allowed_team_member_roles: [owner]}}}",
                "litellm_settings.key_generation_settings.team_key_generation.allowed_team_member_roles[0]");
        assertRefused(
                "{key_generation_settings: {personal_key_generation: {allowed_user_roles: [root]}}}",
                "litellm_settings.key_generation_settings.personal_key_generation.allowed_user_roles[0]");
        assertRefused("{max_internal_user_budget: lots}", "litellm_settings.max_internal_user_budget");
        assertRefused("{internal_user_budget_duration: 3x}", "litellm_settings.internal_user_budget_duration");
    }

    private static void assertRefused(String litellmSettings, String path) {
        assertThatThrownBy(() -> TestYaml.parse("litellm_settings: " + litellmSettings))
                .isInstanceOfSatisfying(ConfigException.class, refused -> assertThat(refused.path())
                        .isEqualTo(path));
    }
}
