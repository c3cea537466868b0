package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider settings LiteLLM takes from the environment when a deployment leaves them out. */
class ProviderEnvironmentTest {

    private static Deployment only(String params, Map<String, String> env) {
        return TestYaml.parse("model_list:\n  - model_name: m\n    litellm_params: " + params + "\n", env)
                .deployments()
                .get(0);
    }

    @Test
    void a_gemini_deployment_without_a_key_takes_GEMINI_API_KEY() {
        Deployment deployment = only("{model: gemini/gemini-2.0-flash}", Map.of("GEMINI_API_KEY", "AIza-env"));

        assertThat(deployment.apiKey().reveal()).isEqualTo("AIza-env");
        assertThat(deployment.publicParams().containsKey("api_key")).isFalse();
    }

    @Test
    void a_key_in_the_file_wins_over_the_environment() {
        Deployment deployment =
                only("{model: gemini/gemini-2.0-flash, api_key: AIza-file}", Map.of("GEMINI_API_KEY", "AIza-env"));

        assertThat(deployment.apiKey().reveal()).isEqualTo("AIza-file");
    }

    @Test
    void vertex_takes_project_location_and_credentials_unless_an_alias_is_set() {
        Map<String, String> env = Map.of(
                "VERTEXAI_PROJECT", "env-project",
                "VERTEX_LOCATION", "europe-west4",
                "VERTEXAI_CREDENTIALS", "/secrets/sa.json");

        Deployment deployment = only("{model: vertex_ai/gemini-1.5-pro, vertex_ai_project: own}", env);

        assertThat(deployment.litellmParams().getString("vertex_project")).isNull();
        assertThat(deployment.litellmParams().getString("vertex_location")).isEqualTo("europe-west4");
        assertThat(deployment.litellmParams().getString("vertex_credentials")).isEqualTo("/secrets/sa.json");
        assertThat(deployment.publicParams().containsKey("vertex_credentials")).isFalse();
    }

    @Test
    void environment_variables_of_the_file_count_and_the_id_ignores_what_was_filled_in() {
        String yaml =
                """
                environment_variables: {COHERE_API_KEY: co-from-file}
                model_list:
                  - model_name: m
                    litellm_params: {model: cohere_chat/command-r}
                """;
        Deployment deployment = TestYaml.parse(yaml).deployments().get(0);

        assertThat(deployment.apiKey().reveal()).isEqualTo("co-from-file");
        assertThat(deployment.id())
                .isEqualTo(DeploymentIds.generate(
                        "m", new io.vertx.core.json.JsonObject().put("model", "cohere_chat/command-r")));
    }

    @Test
    void providers_without_environment_defaults_are_left_alone() {
        Deployment deployment = only("{model: openai/gpt-4o}", Map.of("GEMINI_API_KEY", "AIza-env"));

        assertThat(deployment.apiKey()).isNull();
    }
}
