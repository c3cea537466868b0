package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Top-level sections and what the parser reports about them. */
class ConfigParserTest {

    @Test
    void known_litellm_sections_without_support_are_ignored_quietly() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]
                callback_settings: {otel: {message_logging: false}}
                guardrails: []
                credential_list: []
                """);
        assertThat(config.ignoredKeys()).containsExactly("callback_settings", "guardrails", "credential_list");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void unknown_sections_are_ignored_with_a_warning() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]
                router_setings: {num_retries: 2}
                """);
        assertThat(config.ignoredKeys()).containsExactly("router_setings");
        assertThat(config.warnings()).singleElement().asString().startsWith("router_setings: ");
    }

    @Test
    void unset_variables_under_ignored_keys_are_not_warned_about() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list: [{model_name: a, litellm_params: {model: gpt-4o, api_key: os.environ/UNSET_KEY}}]
                litellm_settings:
                  cache_params: {password: os.environ/REDIS_PASSWORD}
                general_settings: {pass_through_endpoints: [{headers: {key: os.environ/PASS_KEY}}]}
                """);
        assertThat(config.ignoredKeys())
                .containsExactlyInAnyOrder("litellm_settings.cache_params", "general_settings.pass_through_endpoints");
        assertThat(config.warnings())
                .containsExactly("model_list[0].litellm_params.api_key: environment variable UNSET_KEY is not set; "
                        + "the value is left out");
    }

    @Test
    void an_empty_document_gives_defaults() {
        JunctionConfig config = new ConfigParser().parse(new JsonObject(), Map.of(), "empty");
        assertThat(config.deployments()).isEmpty();
        assertThat(config.router().timeout()).isEqualTo(RouterSettings.DEFAULT_TIMEOUT);
        assertThat(config.general().masterKey()).isNull();
        assertThat(config.source()).isEqualTo("empty");
    }

    @Test
    void warnings_and_string_forms_never_carry_secret_values() {
        JunctionConfig config = TestYaml.parse(
                """
                environment_variables: {REDIS_PASSWORD: hunter2}
                model_list:
                  - model_name: a
                    litellm_params: {model: gpt-4o, api_key: sk-very-secret, api_base: os.environ/MISSING}
                router_settings: {redis_password: os.environ/REDIS_PASSWORD}
                general_settings: {master_key: sk-master, database_url: "postgresql://u:dbpass@h/db"}
                """);
        String everything = config.warnings() + " " + config.ignoredKeys() + " " + config;
        assertThat(everything)
                .doesNotContain("sk-very-secret")
                .doesNotContain("hunter2")
                .doesNotContain("sk-master")
                .doesNotContain("dbpass");
    }
}
