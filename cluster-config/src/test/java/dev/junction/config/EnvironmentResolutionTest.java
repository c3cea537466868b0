package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code os.environ/NAME} anywhere in the file, and the {@code environment_variables} overlay. */
class EnvironmentResolutionTest {
    private static final Map<String, String> ENV = Map.of(
            "OPENAI_API_KEY", "sk-process",
            "TEAM", "blue",
            "TIMEOUT", "12.5",
            "RETRIES", "4",
            "FLAG", "True");

    @Test
    void values_at_any_depth_are_resolved() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - model_name: a
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                      extra_headers: {X-Team: os.environ/TEAM}
                      tags: [fixed, os.environ/TEAM]
                    model_info: {team_id: os.environ/TEAM}
                router_settings:
                  timeout: os.environ/TIMEOUT
                  num_retries: os.environ/RETRIES
                  disable_cooldowns: os.environ/FLAG
                """,
                ENV);
        Deployment deployment = config.deployments().get(0);
        assertThat(deployment.apiKey().reveal()).isEqualTo("sk-process");
        assertThat(deployment.litellmParams().getJsonObject("extra_headers").getString("X-Team"))
                .isEqualTo("blue");
        assertThat(deployment.litellmParams().getJsonArray("tags").getList()).containsExactly("fixed", "blue");
        assertThat(deployment.modelInfo().getString("team_id")).isEqualTo("blue");
        assertThat(config.router().timeout()).hasMillis(12_500);
        assertThat(config.router().merged().getValue("num_retries")).isEqualTo(4L);
        assertThat(config.router().merged().getValue("disable_cooldowns")).isEqualTo(true);
    }

    @Test
    void environment_variables_are_seen_by_later_references_and_win_over_the_process() {
        JunctionConfig config = TestYaml.parse(
                """
                environment_variables:
                  OPENAI_API_KEY: sk-from-file
                  PORT: 6379
                model_list:
                  - model_name: a
                    litellm_params: {model: gpt-4o, api_key: os.environ/OPENAI_API_KEY}
                general_settings:
                  database_url: os.environ/PORT
                """,
                ENV);
        assertThat(config.deployments().get(0).apiKey().reveal()).isEqualTo("sk-from-file");
        assertThat(config.general().raw().getString("database_url")).isEqualTo("6379");
    }

    @Test
    void environment_variables_may_themselves_read_the_process_environment() {
        JunctionConfig config = TestYaml.parse(
                """
                environment_variables: {KEY_ALIAS: os.environ/OPENAI_API_KEY}
                model_list:
                  - model_name: a
                    litellm_params: {model: gpt-4o, api_key: os.environ/KEY_ALIAS}
                """,
                ENV);
        assertThat(config.deployments().get(0).apiKey().reveal()).isEqualTo("sk-process");
    }

    @Test
    void an_unset_required_model_names_the_variable() {
        assertThatThrownBy(() ->
                        TestYaml.parse("model_list: [{model_name: a, litellm_params: {model: os.environ/MODEL}}]", ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model_list[0].litellm_params.model: environment variable MODEL is not set");
    }

    @Test
    void an_unset_required_api_base_names_the_variable() {
        assertThatThrownBy(() -> TestYaml.parse(
                        """
                        model_list:
                          - {model_name: a, litellm_params: {model: gpt-4o}}
                          - {model_name: b, litellm_params: {model: gpt-4o}}
                          - model_name: c
                            litellm_params:
                              model: azure/chatgpt-v-2
                              api_base: os.environ/AZURE_API_BASE
                              api_key: os.environ/AZURE_API_KEY
                        """,
                        ENV))
                .hasMessage("model_list[2].litellm_params.api_base: environment variable AZURE_API_BASE is not set");
    }

    @Test
    void an_unset_optional_value_is_left_out_with_a_warning_but_still_hashed_as_none() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: gpt-4o, api_key: os.environ/AZURE_API_KEY, api_base: os.environ/BASE}
                """,
                ENV);
        Deployment deployment = config.deployments().get(0);
        assertThat(deployment.apiKey()).isNull();
        assertThat(deployment.litellmParams().containsKey("api_key")).isFalse();
        assertThat(deployment.apiBase()).isEqualTo("https://api.openai.com/v1");
        assertThat(config.warnings())
                .containsExactly(
                        "model_list[0].litellm_params.api_key: environment variable AZURE_API_KEY is not set; the value is left out",
                        "model_list[0].litellm_params.api_base: environment variable BASE is not set; the value is left out");
        JsonObject hashed =
                new JsonObject().put("model", "gpt-4o").putNull("api_key").putNull("api_base");
        assertThat(deployment.id()).isEqualTo(DeploymentIds.generate("a", hashed));
    }

    @Test
    void an_unset_master_key_variable_is_an_error_not_an_open_gateway() {
        assertThatThrownBy(() -> TestYaml.parse("general_settings: {master_key: os.environ/MY_MASTER_KEY}", ENV))
                .hasMessage("general_settings.master_key: environment variable MY_MASTER_KEY is not set");
    }

    @Test
    void messages_never_show_values_read_from_the_environment() {
        Map<String, String> env = Map.of("RPM", "sk-looks-secret");
        assertThatThrownBy(() -> TestYaml.parse(
                        "model_list: [{model_name: a, litellm_params: {model: gpt-4o, rpm: os.environ/RPM}}]", env))
                .hasMessage("model_list[0].litellm_params.rpm: expected a number, got a string from environment "
                        + "variable RPM")
                .hasMessageNotContaining("sk-looks-secret");
    }

    @Test
    void a_reference_needs_a_variable_name() {
        assertThatThrownBy(() -> TestYaml.parse("litellm_settings: {num_retries: os.environ/}"))
                .hasMessage("litellm_settings.num_retries: os.environ/ needs a variable name after the slash");
    }

    @Test
    void environment_variables_must_be_a_map_of_single_values() {
        assertThatThrownBy(() -> TestYaml.parse("environment_variables: [A, B]"))
                .hasMessage("environment_variables: expected a map, got a list");
        assertThatThrownBy(() -> TestYaml.parse("environment_variables: {A: [1]}"))
                .hasMessage("environment_variables.A: expected a single value, got a list");
    }
}
