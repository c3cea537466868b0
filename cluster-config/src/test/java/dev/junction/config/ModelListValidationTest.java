package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each malformed {@code model_list} fails with the YAML path of the problem. */
class ModelListValidationTest {

    private static void assertFails(String yaml, String message) {
        assertThatThrownBy(() -> TestYaml.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void model_list_must_be_a_list() {
        assertFails("model_list: {model_name: x}", "model_list: expected a list, got {\"model_name\":\"x\"}");
    }

    @Test
    void each_entry_must_be_a_map() {
        assertFails("model_list: [gpt-4o]", "model_list[0]: expected a map, got \"gpt-4o\"");
    }

    @Test
    void model_name_is_required() {
        assertFails(
                """
                model_list:
                  - litellm_params: {model: openai/gpt-4o}
                """,
                "model_list[0].model_name: is required");
    }

    @Test
    void model_name_must_be_a_string() {
        assertFails(
                """
                model_list:
                  - model_name: [a, b]
                    litellm_params: {model: openai/gpt-4o}
                """,
                "model_list[0].model_name: expected a string, got [\"a\",\"b\"]");
    }

    @Test
    void a_tag_regex_that_does_not_compile_names_its_place() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, tag_regex: ["^User-Agent: ok", "(unclosed"]}
                """,
                "model_list[0].litellm_params.tag_regex[1]: is not a valid regular expression: Unclosed group");
    }

    @Test
    void litellm_params_is_required() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: b
                """,
                "model_list[1].litellm_params: is required");
    }

    @Test
    void litellm_params_must_be_a_map() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: openai/gpt-4o
                """,
                "model_list[0].litellm_params: expected a map, got \"openai/gpt-4o\"");
    }

    @Test
    void litellm_params_model_is_required() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {api_key: sk-1}
                """,
                "model_list[0].litellm_params.model: is required");
    }

    @Test
    void litellm_params_model_must_not_be_empty() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: ""}
                """,
                "model_list[0].litellm_params.model: must not be empty");
    }

    @Test
    void rpm_must_be_a_number() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: b
                    litellm_params: {model: openai/gpt-4o, rpm: abc}
                """,
                "model_list[1].litellm_params.rpm: expected a number, got \"abc\"");
    }

    @Test
    void rpm_must_be_whole_and_not_negative() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, tpm: 2.5}
                """,
                "model_list[0].litellm_params.tpm: expected a whole number of at least 0, got 2.5");
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, timeout: -1}
                """,
                "model_list[0].litellm_params.timeout: expected a number of at least 0, got -1");
    }

    @Test
    void top_level_rpm_must_be_a_number() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                    rpm: lots
                """,
                "model_list[0].rpm: expected a number, got \"lots\"");
    }

    @Test
    void model_info_must_be_a_map() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                    model_info: [1]
                """,
                "model_list[0].model_info: expected a map, got [1]");
    }

    @Test
    void organization_list_items_must_be_strings() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, organization: [org-1, {}]}
                """,
                "model_list[0].litellm_params.organization[1]: expected a string, got {}");
    }

    @Test
    void api_key_type_errors_do_not_show_the_value() {
        assertFails(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, api_key: 123456789}
                """,
                "model_list[0].litellm_params.api_key: expected a string, got a number");
    }

    @Test
    void an_empty_or_missing_model_list_is_only_a_warning() {
        assertThat(TestYaml.parse("model_list: []").warnings())
                .singleElement()
                .asString()
                .startsWith("model_list: ");
        assertThat(TestYaml.parse("general_settings: {}").warnings())
                .singleElement()
                .asString()
                .startsWith("model_list: ");
    }

    @Test
    void unknown_entry_keys_are_reported_as_ignored() {
        JunctionConfig config = TestYaml.parse(
                """
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o, anything_goes: 1}
                    description: shown nowhere
                """);
        assertThat(config.ignoredKeys()).containsExactly("model_list[0].description");
        assertThat(config.deployments().get(0).litellmParams().getInteger("anything_goes"))
                .isEqualTo(1);
    }
}
