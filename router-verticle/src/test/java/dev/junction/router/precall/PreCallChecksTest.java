package dev.junction.router.precall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import dev.junction.router.TestModelDeployments;
import dev.junction.router.model.ModelTable;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreCallChecksTest {
    private static final PreCallChecks CHECKS = new PreCallChecks(ModelTable.load());

    // The docs' "same group" example: an Azure deployment sized by its base model next to gpt-3.5-turbo.
    private static final Deployment AZURE_GPT4 = TestModelDeployments.of("azure/chatgpt-v-2")
            .id("azure")
            .info("base_model", "azure/gpt-4-1106-preview")
            .build();
    private static final Deployment GPT35 =
            TestModelDeployments.of("gpt-3.5-turbo").id("gpt35").build();
    private static final Deployment SELF_HOSTED =
            TestModelDeployments.of("hosted_vllm/my-llama").id("vllm").build();

    @Test
    void drops_deployments_whose_context_window_is_below_the_prompt() {
        PreCallResult result = CHECKS.apply(List.of(GPT35, AZURE_GPT4), 20_000, null);
        assertThat(result.deployments()).containsExactly(AZURE_GPT4);
        assertThat(result.dropped()).containsExactly(new PreCallResult.Dropped(GPT35, DropReason.CONTEXT_WINDOW));
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void a_prompt_exactly_as_long_as_the_window_fits() {
        assertThat(CHECKS.apply(List.of(GPT35), 16_385, null).deployments()).containsExactly(GPT35);
        assertThat(CHECKS.apply(List.of(GPT35), 16_386, null).deployments()).isEmpty();
    }

    @Test
    void model_info_max_input_tokens_decides_before_the_table() {
        Deployment capped = TestModelDeployments.of("gpt-4o")
                .info("max_input_tokens", 8_000)
                .build();
        assertThat(CHECKS.maxInputTokens(capped)).hasValue(8_000);
        assertThat(CHECKS.apply(List.of(capped), 9_000, null).deployments()).isEmpty();
    }

    @Test
    void a_deployment_with_an_unknown_window_is_kept() {
        assertThat(CHECKS.maxInputTokens(SELF_HOSTED)).isEmpty();
        assertThat(CHECKS.apply(List.of(SELF_HOSTED), 5_000_000, null).deployments())
                .containsExactly(SELF_HOSTED);
    }

    @Test
    void when_every_window_is_too_small_the_failure_is_a_context_window_error() {
        PreCallResult result = CHECKS.apply(List.of(GPT35, AZURE_GPT4), 200_000, null);
        assertThat(result.deployments()).isEmpty();
        assertThat(result.failure()).contains(DropReason.CONTEXT_WINDOW);
    }

    @Test
    void an_uncounted_prompt_passes_every_window() {
        assertThat(CHECKS.apply(List.of(GPT35), 0, null).deployments()).containsExactly(GPT35);
    }

    @Test
    void a_requested_region_keeps_only_deployments_in_it() {
        Deployment eu = TestModelDeployments.of("gpt-4o")
                .id("eu")
                .param("region_name", "eu")
                .build();
        Deployment us = TestModelDeployments.of("gpt-4o")
                .id("us")
                .param("region_name", "us")
                .build();
        Deployment unknown = TestModelDeployments.of("gpt-4o").id("unknown").build();
        PreCallResult result = CHECKS.apply(List.of(eu, us, unknown), 10, "eu");
        assertThat(result.deployments()).containsExactly(eu);
        assertThat(result.dropped()).extracting(PreCallResult.Dropped::reason).containsOnly(DropReason.REGION);
    }

    @Test
    void an_aws_deployment_is_in_its_aws_region_and_that_regions_geography() {
        Deployment frankfurt = TestModelDeployments.of("gpt-4o")
                .id("frankfurt")
                .param("aws_region_name", "eu-central-1")
                .build();
        Deployment virginia = TestModelDeployments.of("gpt-4o")
                .id("virginia")
                .param("aws_region_name", "us-east-1")
                .build();
        assertThat(CHECKS.apply(List.of(frankfurt, virginia), 10, "eu").deployments())
                .containsExactly(frankfurt);
        assertThat(CHECKS.apply(List.of(frankfurt, virginia), 10, "us-east-1").deployments())
                .containsExactly(virginia);
    }

    @Test
    void without_a_requested_region_every_region_is_fine() {
        Deployment eu = TestModelDeployments.of("gpt-4o")
                .id("eu")
                .param("region_name", "eu")
                .build();
        Deployment unknown = TestModelDeployments.of("gpt-4o").id("unknown").build();
        assertThat(CHECKS.apply(List.of(eu, unknown), 10, null).deployments()).containsExactly(eu, unknown);
    }

    @Test
    void when_only_the_region_removed_everyone_the_failure_is_region() {
        Deployment us =
                TestModelDeployments.of("gpt-4o").param("region_name", "us").build();
        assertThat(CHECKS.apply(List.of(us), 10, "eu").failure()).contains(DropReason.REGION);
    }

    @Test
    void a_context_window_drop_anywhere_makes_an_empty_result_a_context_window_error() {
        Deployment usBig = TestModelDeployments.of("gpt-4o")
                .id("us")
                .param("region_name", "us")
                .build();
        Deployment euSmall = TestModelDeployments.of("gpt-3.5-turbo")
                .id("eu")
                .param("region_name", "eu")
                .build();
        assertThat(CHECKS.apply(List.of(usBig, euSmall), 20_000, "eu").failure())
                .contains(DropReason.CONTEXT_WINDOW);
    }

    @Test
    void only_the_lowest_order_survives() {
        Deployment first = ordered("first", 1);
        Deployment second = ordered("second", 2);
        Deployment alsoFirst = ordered("also-first", 1);
        PreCallResult result = CHECKS.apply(List.of(second, first, alsoFirst), 10, null);
        assertThat(result.deployments()).containsExactly(first, alsoFirst);
        assertThat(result.dropped()).containsExactly(new PreCallResult.Dropped(second, DropReason.ORDER));
    }

    @Test
    void deployments_without_order_are_dropped_when_any_has_one() {
        Deployment unordered = TestModelDeployments.of("gpt-4o").id("unordered").build();
        Deployment second = ordered("second", 2);
        assertThat(CHECKS.apply(List.of(unordered, second), 10, null).deployments())
                .containsExactly(second);
    }

    @Test
    void order_may_come_from_model_info() {
        Deployment viaInfo =
                TestModelDeployments.of("gpt-4o").id("info").info("order", 1).build();
        Deployment second = ordered("second", 2);
        assertThat(CHECKS.apply(List.of(second, viaInfo), 10, null).deployments())
                .containsExactly(viaInfo);
    }

    @Test
    void without_any_order_every_deployment_stays() {
        Deployment a = TestModelDeployments.of("gpt-4o").id("a").build();
        Deployment b = TestModelDeployments.of("gpt-4o").id("b").build();
        assertThat(CHECKS.apply(List.of(a, b), 10, null).deployments()).containsExactly(a, b);
    }

    @Test
    void a_cooled_down_first_tier_falls_through_to_the_next() {
        // The caller has removed the cooling order-1 deployment before calling.
        Deployment second = ordered("second", 2);
        Deployment third = ordered("third", 3);
        assertThat(CHECKS.apply(List.of(third, second), 10, null).deployments()).containsExactly(second);
    }

    @Test
    void order_applies_after_the_context_window_so_a_too_small_first_tier_falls_through() {
        Deployment smallFirst = TestModelDeployments.of("gpt-3.5-turbo")
                .id("small")
                .param("order", 1)
                .build();
        Deployment bigSecond =
                TestModelDeployments.of("gpt-4o").id("big").param("order", 2).build();
        PreCallResult result = CHECKS.apply(List.of(smallFirst, bigSecond), 20_000, null);
        assertThat(result.deployments()).containsExactly(bigSecond);
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void no_candidates_give_an_empty_result_without_a_pre_call_failure() {
        PreCallResult result = CHECKS.apply(List.of(), 10, "eu");
        assertThat(result.deployments()).isEmpty();
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void enabled_by_either_spelling_of_the_setting_and_off_by_default() {
        assertThat(PreCallChecks.enabled(settings(new JsonObject().put("enable_pre_call_checks", true))))
                .isTrue();
        assertThat(PreCallChecks.enabled(settings(new JsonObject().put("enable_pre_call_check", true))))
                .isTrue();
        assertThat(PreCallChecks.enabled(settings(new JsonObject().put("enable_pre_call_checks", false))))
                .isFalse();
        assertThat(PreCallChecks.enabled(RouterSettings.defaults())).isFalse();
    }

    private static Deployment ordered(String id, int order) {
        return TestModelDeployments.of("gpt-4o").id(id).param("order", order).build();
    }

    private static RouterSettings settings(JsonObject merged) {
        return new RouterSettings(RouterSettings.DEFAULT_TIMEOUT, null, merged);
    }
}
