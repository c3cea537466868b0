package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ids, organisation lists, limits and supported environments of {@code model_list} entries. */
class DeploymentEntriesTest {

    @Test
    void model_info_id_wins_over_the_hash_and_is_kept_in_model_info() {
        Deployment deployment = TestYaml.parse(
                        """
                        model_list:
                          - model_name: a
                            litellm_params: {model: openai/gpt-4o}
                            model_info: {id: my-id, mode: chat}
                        """)
                .deployments()
                .get(0);
        assertThat(deployment.id()).isEqualTo("my-id");
        assertThat(deployment.modelInfo().getString("mode")).isEqualTo("chat");
    }

    @Test
    void the_generated_id_is_also_written_into_model_info() {
        Deployment deployment = TestYaml.parse("model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]")
                .deployments()
                .get(0);
        assertThat(deployment.modelInfo().getString("id"))
                .isEqualTo(deployment.id())
                .hasSize(64);
    }

    @Test
    void an_organization_list_makes_one_deployment_per_organization() {
        // Expected ids: python3, the DeploymentIdsTest loop over
        // ("*", {"model": "openai/*", "api_key": "sk-test", "organization": "org-1"}) and the same with org-2.
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - model_name: "*"
                    litellm_params:
                      model: openai/*
                      api_key: sk-test
                      organization: [org-1, org-2]
                """);
        assertThat(config.deployments()).hasSize(2);
        assertThat(config.deployments())
                .extracting(d -> d.litellmParams().getString("organization"))
                .containsExactly("org-1", "org-2");
        assertThat(config.deployments())
                .extracting(Deployment::id)
                .containsExactly(
                        "ea02bc7566281e17d8e2e2571122395851cfc951356fe37dc07a8e8089e200a7",
                        "5ceb82159432198e981154c8d143bace185e5aa97e249d393ba8d70791561bb5");
    }

    @Test
    void top_level_rpm_and_tpm_fill_in_litellm_params_after_hashing() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, tpm: 500}
                    rpm: 6
                    tpm: 1000
                """);
        Deployment deployment = config.deployments().get(0);
        assertThat(deployment.litellmParams().getLong("rpm")).isEqualTo(6);
        assertThat(deployment.litellmParams().getLong("tpm")).isEqualTo(500);
        JsonObject hashed = new JsonObject().put("model", "openai/gpt-4o").put("tpm", 500);
        assertThat(deployment.id()).isEqualTo(DeploymentIds.generate("a", hashed));
    }

    @Test
    void numeric_text_becomes_a_number() {
        Deployment deployment = TestYaml.parse(
                        "model_list: [{model_name: a, litellm_params: {model: gpt-4o, rpm: '60', timeout: '2.5'}}]")
                .deployments()
                .get(0);
        assertThat(deployment.litellmParams().getValue("rpm")).isEqualTo(60L);
        assertThat(deployment.litellmParams().getValue("timeout")).isEqualTo(2.5);
    }

    private static final String ENVIRONMENTS =
            """
            model_list:
              - model_name: everywhere
                litellm_params: {model: openai/gpt-3.5-turbo}
                model_info: {supported_environments: [development, production, staging]}
              - model_name: gpt-4
                litellm_params: {model: openai/gpt-4}
                model_info: {supported_environments: [production, staging]}
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_key: os.environ/UNSET_KEY}
                model_info: {supported_environments: [production]}
              - model_name: unrestricted
                litellm_params: {model: openai/gpt-4o-mini}
            """;

    @Test
    void supported_environments_keep_only_the_current_environment() {
        JunctionConfig config = TestYaml.parse(ENVIRONMENTS, Map.of("LITELLM_ENVIRONMENT", "staging"));
        assertThat(config.modelGroups()).containsExactly("everywhere", "gpt-4", "unrestricted");
        // the skipped deployment's unset variable is not worth a warning
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void supported_environments_need_litellm_environment() {
        assertThatThrownBy(() -> TestYaml.parse(ENVIRONMENTS))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("model_list[0].model_info.supported_environments: ")
                .hasMessageContaining("LITELLM_ENVIRONMENT is not set");
        assertThatThrownBy(() -> TestYaml.parse(ENVIRONMENTS, Map.of("LITELLM_ENVIRONMENT", "prod")))
                .hasMessageContaining(
                        "LITELLM_ENVIRONMENT is 'prod'; set it to one of development, staging, production");
    }

    @Test
    void supported_environments_only_accept_the_three_names() {
        assertThatThrownBy(() -> TestYaml.parse(
                        """
                        model_list:
                          - model_name: a
                            litellm_params: {model: gpt-4o}
                            model_info: {supported_environments: [production, qa]}
                        """,
                        Map.of("LITELLM_ENVIRONMENT", "production")))
                .hasMessage("model_list[0].model_info.supported_environments[1]: expected one of development, staging, "
                        + "production, got \"qa\"");
    }

    @Test
    void litellm_environment_may_come_from_environment_variables() {
        JunctionConfig config = TestYaml.parse(
                "environment_variables: {LITELLM_ENVIRONMENT: production}\n" + ENVIRONMENTS,
                Map.of("LITELLM_ENVIRONMENT", "development"));
        assertThat(config.modelGroups()).containsExactly("everywhere", "gpt-4", "gpt-4o", "unrestricted");
    }

    @Test
    void duplicate_ids_are_warned_about() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - {model_name: a, litellm_params: {model: gpt-4o}}
                  - {model_name: a, litellm_params: {model: gpt-4o}}
                """);
        assertThat(config.deployments()).hasSize(2);
        assertThat(config.warnings()).singleElement().asString().contains("used more than once");
    }

    @Test
    void only_call_defaults_of_litellm_params_reach_a_provider() {
        Deployment deployment = TestYaml.parse(
                        """
                        model_list:
                          - model_name: m
                            litellm_params:
                              model: openai/gpt-4o
                              temperature: 0.2
                              seed: 7
                              max_retries: 3
                              tags: [eu]
                              input_cost_per_second: 0.001
                              cache_read_input_token_cost: 0.000001
                              initial_prompt_value: "<s>"
                              roles: {user: {pre_message: "[INST]"}}
                              vertex_project: my-project
                              aws_region_name: us-east-1
                              rpm: 10
                              drop_params: true
                              additional_drop_params: [logit_bias]
                        """)
                .deployments()
                .get(0);
        assertThat(deployment.defaultCallParams().fieldNames()).containsExactlyInAnyOrder("temperature", "seed");
    }
}
