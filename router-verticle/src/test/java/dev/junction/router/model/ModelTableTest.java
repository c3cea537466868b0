package dev.junction.router.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.router.TestModelDeployments;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelTableTest {
    private static final ModelTable SHIPPED = ModelTable.load();

    // A small table for the lookup rules, independent of upstream's numbers.
    private static final ModelTable TABLE = ModelTable.of(List.of(
            entry("gpt-4o", 128_000, 2.5e-6, 1e-5, "openai"),
            entry("azure/gpt-4o", 128_000, 5e-6, 1.5e-5, "azure"),
            entry("azure/gpt-4-1106-preview", 128_000, 1e-5, 3e-5, "azure"),
            entry("gpt-3.5-turbo-instruct", 8_192, 1.5e-6, 2e-6, "text-completion-openai"),
            entry("groq/llama3-8b-8192", 8_192, 5e-8, 8e-8, "groq"),
            entry("Mixed-Case-Model", 4_096, 1e-6, 1e-6, "openai")));

    @Test
    void shipped_table_is_read_once_and_holds_every_upstream_model() {
        assertThat(ModelTable.load()).isSameAs(SHIPPED);
        assertThat(SHIPPED.size()).isEqualTo(2982);
    }

    @Test
    void shipped_resource_stays_well_under_a_megabyte() throws IOException {
        try (InputStream in = ModelTable.class.getResourceAsStream(ModelTable.RESOURCE)) {
            assertThat(in.readAllBytes().length).isLessThan(400_000);
        }
    }

    @Test
    void shipped_table_has_litellm_numbers_for_well_known_models() {
        ModelEntry gpt4o = SHIPPED.entry("gpt-4o").orElseThrow();
        assertThat(gpt4o.maxInputTokens()).hasValue(128_000);
        assertThat(gpt4o.maxOutputTokens()).hasValue(16_384);
        assertThat(gpt4o.inputCostPerToken().getAsDouble()).isEqualTo(2.5e-6);
        assertThat(gpt4o.outputCostPerToken().getAsDouble()).isEqualTo(1e-5);
        assertThat(gpt4o.litellmProvider()).isEqualTo("openai");
        assertThat(gpt4o.mode()).isEqualTo("chat");
        assertThat(SHIPPED.entry("gpt-3.5-turbo").orElseThrow().maxInputTokens())
                .hasValue(16_385);
        assertThat(SHIPPED.entry("azure/gpt-4-1106-preview").orElseThrow().maxInputTokens())
                .hasValue(128_000);
    }

    @Test
    void whole_number_limits_written_as_floats_upstream_read_as_integers() {
        assertThat(SHIPPED.entry("xai/grok-4-1-fast").orElseThrow().maxInputTokens())
                .hasValue(2_000_000);
    }

    @Test
    void lookup_takes_the_model_string_as_given_first() {
        assertThat(TABLE.lookup("groq/llama3-8b-8192", "groq"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("groq/llama3-8b-8192");
        assertThat(TABLE.lookup("gpt-4o", "openai"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("gpt-4o");
    }

    @Test
    void lookup_tries_provider_slash_model_then_the_bare_model() {
        assertThat(TABLE.lookup("llama3-8b-8192", "groq"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("groq/llama3-8b-8192");
        assertThat(TABLE.lookup("openai/gpt-4o", "openai"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("gpt-4o");
    }

    @Test
    void lookup_never_borrows_another_providers_entry() {
        assertThat(TABLE.lookup("groq/gpt-4o", "groq")).isEmpty();
        assertThat(TABLE.lookup("gpt-4o", "azure"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("azure/gpt-4o");
    }

    @Test
    void lookup_treats_text_completion_openai_entries_as_openai() {
        assertThat(TABLE.lookup("openai/gpt-3.5-turbo-instruct", "openai")).isPresent();
    }

    @Test
    void lookup_ignores_case_as_litellm_does() {
        assertThat(TABLE.lookup("mixed-case-model", "openai"))
                .get()
                .extracting(ModelEntry::key)
                .isEqualTo("Mixed-Case-Model");
    }

    @Test
    void azure_deployment_without_base_model_is_unknown_when_its_name_is_not_a_model() {
        assertThat(TABLE.forDeployment(
                        TestModelDeployments.of("azure/my-deploy").build()))
                .isEmpty();
    }

    @Test
    void base_model_from_model_info_wins_over_the_model() {
        var deployment = TestModelDeployments.of("azure/gpt-4o")
                .info("base_model", "azure/gpt-4-1106-preview")
                .build();
        assertThat(TABLE.entryFor(deployment)).get().extracting(ModelEntry::key).isEqualTo("azure/gpt-4-1106-preview");
    }

    @Test
    void base_model_in_litellm_params_counts_too_and_may_omit_the_provider() {
        var deployment = TestModelDeployments.of("azure/chatgpt-v-2")
                .param("base_model", "gpt-4-1106-preview")
                .build();
        assertThat(TABLE.entryFor(deployment)).get().extracting(ModelEntry::key).isEqualTo("azure/gpt-4-1106-preview");
    }

    @Test
    void unknown_base_model_falls_back_to_the_models_own_entry() {
        var deployment = TestModelDeployments.of("openai/gpt-4o")
                .info("base_model", "no-such-model")
                .build();
        assertThat(TABLE.entryFor(deployment)).get().extracting(ModelEntry::key).isEqualTo("gpt-4o");
    }

    @Test
    void model_info_limits_override_the_table() {
        var deployment = TestModelDeployments.of("gpt-4o")
                .info("max_input_tokens", 32_000)
                .info("max_output_tokens", "2048")
                .build();
        ModelLimits limits = TABLE.forDeployment(deployment).orElseThrow();
        assertThat(limits.maxInputTokens()).hasValue(32_000);
        assertThat(limits.outputLimit()).hasValue(2_048);
        assertThat(limits.tableKey()).contains("gpt-4o");
    }

    @Test
    void litellm_params_prices_override_model_info_and_the_table() {
        var deployment = TestModelDeployments.of("gpt-4o")
                .param("input_cost_per_token", 1e-6)
                .info("input_cost_per_token", 9e-6)
                .info("output_cost_per_token", 4e-6)
                .build();
        ModelLimits limits = TABLE.forDeployment(deployment).orElseThrow();
        assertThat(limits.inputCostPerToken()).isEqualTo(OptionalDouble.of(1e-6));
        assertThat(limits.outputCostPerToken()).isEqualTo(OptionalDouble.of(4e-6));
    }

    @Test
    void a_deployment_unknown_to_the_table_still_has_its_own_limits_and_prices() {
        var deployment = TestModelDeployments.of("hosted_vllm/my-llama")
                .param("api_base", "http://vllm:8000/v1")
                .info("max_input_tokens", 8_000)
                .param("output_cost_per_token", 2e-7)
                .build();
        ModelLimits limits = TABLE.forDeployment(deployment).orElseThrow();
        assertThat(limits.tableKey()).isEmpty();
        assertThat(limits.maxInputTokens()).hasValue(8_000);
        assertThat(limits.costPerToken().getAsDouble()).isEqualTo(2e-7);
    }

    @Test
    void cost_per_token_adds_input_and_output_prices() {
        var deployment = TestModelDeployments.of("azure/gpt-4o").build();
        assertThat(TABLE.costPerToken(deployment).getAsDouble()).isCloseTo(2e-5, within(1e-12));
    }

    @Test
    void cost_per_token_is_empty_for_an_unpriced_deployment() {
        assertThat(TABLE.costPerToken(TestModelDeployments.of("azure/my-deploy").build()))
                .isEmpty();
    }

    @Test
    void cost_of_a_call_multiplies_tokens_by_prices() {
        Cost cost = TABLE.costOf(TestModelDeployments.of("gpt-4o").build(), 1_000, 200);
        assertThat(cost.priced()).isTrue();
        assertThat(cost.promptCost()).isCloseTo(0.0025, within(1e-12));
        assertThat(cost.completionCost()).isCloseTo(0.002, within(1e-12));
        assertThat(cost.total()).isCloseTo(0.0045, within(1e-12));
    }

    @Test
    void cost_of_an_unpriced_call_is_zero_and_says_so() {
        assertThat(TABLE.costOf(TestModelDeployments.of("azure/my-deploy").build(), 1_000, 200))
                .isEqualTo(Cost.UNPRICED);
    }

    @Test
    void shipped_table_prices_an_azure_deployment_by_its_base_model() {
        var deployment = TestModelDeployments.of("azure/chatgpt-v-2")
                .info("base_model", "azure/gpt-4-1106-preview")
                .build();
        ModelLimits limits = SHIPPED.forDeployment(deployment).orElseThrow();
        assertThat(limits.maxInputTokens()).isEqualTo(OptionalLong.of(128_000));
        assertThat(limits.costPerToken().getAsDouble()).isCloseTo(4e-5, within(1e-12));
    }

    private static ModelEntry entry(String key, long maxInput, double input, double output, String provider) {
        return new ModelEntry(
                key,
                OptionalLong.of(maxInput),
                OptionalLong.of(4_096),
                OptionalLong.of(4_096),
                OptionalDouble.of(input),
                OptionalDouble.of(output),
                provider,
                "chat");
    }
}
