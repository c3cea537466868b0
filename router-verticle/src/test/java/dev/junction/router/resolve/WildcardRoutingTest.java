package dev.junction.router.resolve;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class WildcardRoutingTest {

    private static ModelResolver resolver(Deployment... deployments) {
        return new ModelResolver(List.of(deployments), RouterSettings.defaults());
    }

    private static Deployment only(Resolution resolution) {
        assertThat(resolution.deployments()).hasSize(1);
        return resolution.deployments().get(0);
    }

    @Test
    void provider_wildcard_substitutes_the_model_and_keeps_the_provider() {
        Deployment wildcard =
                deployment("w", "anthropic/*").model("anthropic/*").build();

        Resolution resolution =
                resolver(wildcard).resolve("anthropic/claude-3-haiku").orElseThrow();

        Deployment copy = only(resolution);
        assertThat(resolution.wildcard()).isTrue();
        assertThat(resolution.modelGroup()).isEqualTo("anthropic/claude-3-haiku");
        assertThat(copy.id()).isEqualTo("w");
        assertThat(copy.provider().prefix()).isEqualTo("anthropic");
        assertThat(copy.upstreamModel()).isEqualTo("claude-3-haiku");
        assertThat(copy.litellmModel()).isEqualTo("anthropic/claude-3-haiku");
        assertThat(copy.litellmParams().getString("model")).isEqualTo("anthropic/claude-3-haiku");
        assertThat(copy.apiBase()).isEqualTo("https://api.anthropic.com");
    }

    @Test
    void catch_all_passes_a_bare_name_through_to_its_inferred_provider() {
        Deployment any = deployment("all", "*").model("*").build();

        Deployment copy = only(resolver(any).resolve("gpt-4o").orElseThrow());

        assertThat(copy.provider().prefix()).isEqualTo("openai");
        assertThat(copy.upstreamModel()).isEqualTo("gpt-4o");
        assertThat(copy.apiBase()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void catch_all_sends_a_prefixed_name_to_that_provider_and_its_public_endpoint() {
        Deployment any = deployment("all", "*").model("*").build();

        Deployment copy = only(resolver(any).resolve("groq/llama3").orElseThrow());

        assertThat(copy.provider().prefix()).isEqualTo("groq");
        assertThat(copy.upstreamModel()).isEqualTo("llama3");
        assertThat(copy.apiBase()).isEqualTo("https://api.groq.com/openai/v1");
    }

    @Test
    void catch_all_sends_a_bedrock_name_to_bedrocks_endpoint_in_the_wildcards_region() {
        Deployment any = deployment("all", "*")
                .model("*")
                .param("aws_region_name", "eu-central-1")
                .build();
        Deployment noRegion = deployment("all", "*").model("*").build();

        Deployment copy = only(resolver(any)
                .resolve("bedrock/anthropic.claude-3-haiku-20240307-v1:0")
                .orElseThrow());

        assertThat(copy.provider().prefix()).isEqualTo("bedrock");
        assertThat(copy.upstreamModel()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(copy.apiBase()).isEqualTo("https://bedrock-runtime.eu-central-1.amazonaws.com");
        assertThat(only(resolver(noRegion)
                                .resolve("bedrock/amazon.nova-pro-v1:0")
                                .orElseThrow())
                        .apiBase())
                .isEqualTo("https://bedrock-runtime.us-west-2.amazonaws.com");
    }

    @Test
    void catch_all_sends_claude_names_to_anthropic() {
        Deployment any = deployment("all", "*").model("*").build();

        assertThat(only(resolver(any).resolve("claude-3-opus").orElseThrow())
                        .provider()
                        .prefix())
                .isEqualTo("anthropic");
    }

    @Test
    void a_configured_api_base_is_kept_for_every_substituted_model() {
        Deployment proxy = deployment("p", "local/*")
                .model("openai/*")
                .param("api_base", "http://vllm:8000/v1")
                .build();

        Deployment copy =
                only(resolver(proxy).resolve("local/meta-llama/Llama-3").orElseThrow());

        assertThat(copy.upstreamModel()).isEqualTo("meta-llama/Llama-3");
        assertThat(copy.apiBase()).isEqualTo("http://vllm:8000/v1");
    }

    @Test
    void a_bare_request_matches_a_provider_pattern_through_its_inferred_provider() {
        Deployment wildcard = deployment("w", "openai/*").model("openai/*").build();

        Resolution resolution = resolver(wildcard).resolve("gpt-4o-mini").orElseThrow();

        assertThat(resolution.modelGroup()).isEqualTo("gpt-4o-mini");
        assertThat(only(resolution).upstreamModel()).isEqualTo("gpt-4o-mini");
        assertThat(only(resolution).litellmModel()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void renaming_pattern_maps_its_segment_into_the_target_model() {
        Deployment rename = deployment("r", "llmengine/*").model("openai/*").build();

        Deployment copy = only(resolver(rename).resolve("llmengine/foo").orElseThrow());

        assertThat(copy.litellmModel()).isEqualTo("openai/foo");
        assertThat(copy.upstreamModel()).isEqualTo("foo");
    }

    @Test
    void several_segments_fill_the_stars_left_to_right() {
        Deployment multi = deployment("m", "eng/fo::*::static::*")
                .model("openai/fo::*::static::*")
                .build();

        Deployment copy =
                only(resolver(multi).resolve("eng/fo::bar::static::baz").orElseThrow());

        assertThat(copy.litellmModel()).isEqualTo("openai/fo::bar::static::baz");
    }

    @Test
    void more_segments_than_stars_sends_the_request_string_itself() {
        Deployment llama =
                deployment("l", "*meta.llama3*").model("openai/meta.llama3*").build();

        Deployment copy =
                only(resolver(llama).resolve("openai/x-meta.llama3-70b").orElseThrow());

        assertThat(copy.litellmModel()).isEqualTo("openai/x-meta.llama3-70b");
        assertThat(copy.upstreamModel()).isEqualTo("x-meta.llama3-70b");
    }

    @Test
    void a_target_model_without_star_is_used_as_is() {
        Deployment fixed = deployment("f", "my-*").model("openai/gpt-4o").build();

        assertThat(only(resolver(fixed).resolve("my-anything").orElseThrow()).upstreamModel())
                .isEqualTo("gpt-4o");
    }

    @Test
    void the_more_specific_pattern_wins_whatever_the_config_order() {
        Deployment any = deployment("all", "*").model("*").build();
        Deployment openai = deployment("o", "openai/*").model("openai/*").build();
        Deployment mini = deployment("mini", "openai/gpt-4o-mini*")
                .model("openai/gpt-4o-mini*")
                .build();

        ModelResolver resolver = resolver(any, openai, mini);

        assertThat(only(resolver.resolve("openai/gpt-4o-mini-2024").orElseThrow())
                        .id())
                .isEqualTo("mini");
        assertThat(only(resolver.resolve("openai/gpt-4o").orElseThrow()).id()).isEqualTo("o");
        assertThat(only(resolver.resolve("groq/llama3").orElseThrow()).id()).isEqualTo("all");
    }

    @Test
    void patterns_are_ordered_by_regex_length_then_metacharacter_count() {
        WildcardRoutes routes = new WildcardRoutes(List.of(
                deployment("a", "*").model("*").build(),
                deployment("b", "a.b/*").model("openai/*").build(),
                deployment("c", "abcd/*").model("openai/*").build(),
                deployment("d", "ab*cd").model("openai/*").build()));

        // "a\.b/(.*)" and "ab(.*)cd" are 9 and 8 long, "abcd/(.*)" 9 with fewer metacharacters than "a\.b".
        assertThat(routes.order()).containsExactly("a\\.b/(.*)", "abcd/(.*)", "ab(.*)cd", "(.*)");
    }

    @Test
    void the_regex_is_python_re_escape_with_stars_as_groups() {
        assertThat(WildcardPattern.pythonRegex("azure/gpt-4o*")).isEqualTo("azure/gpt\\-4o(.*)");
        assertThat(WildcardPattern.pythonRegex("a b.c")).isEqualTo("a\\ b\\.c");
    }

    @Test
    void matching_is_anchored_at_the_start_only() {
        Deployment fixed =
                deployment("f", "gpt-*-mini").model("openai/gpt-4o-mini").build();

        assertThat(resolver(fixed).resolve("gpt-4o-mini-2024-07-18")).isPresent();
        assertThat(resolver(fixed).resolve("my-gpt-4o-mini")).isEmpty();
    }

    @Test
    void every_deployment_of_a_wildcard_name_is_copied() {
        Deployment one = deployment("one", "openai/*").model("openai/*").build();
        Deployment two = deployment("two", "openai/*")
                .model("openai/*")
                .param("api_base", "https://eu.example/v1")
                .build();

        Resolution resolution = resolver(one, two).resolve("openai/gpt-4o").orElseThrow();

        assertThat(resolution.deployments()).extracting(Deployment::id).containsExactly("one", "two");
        assertThat(resolution.deployments())
                .extracting(Deployment::upstreamModel)
                .containsOnly("gpt-4o");
    }

    @Test
    void a_provider_that_needs_an_endpoint_the_deployment_lacks_does_not_resolve() {
        Deployment any = deployment("all", "*").model("*").build();

        assertThat(resolver(any).resolve("azure/my-deployment")).isEmpty();
    }

    @Test
    void exact_groups_are_preferred_to_patterns_and_patterns_to_litellm_models() {
        Deployment byModel = deployment("m", "named").model("openai/special").build();
        Deployment any = deployment("all", "*").model("*").build();

        Resolution resolution = resolver(byModel, any, openai("g", "gpt-4o"))
                .resolve("openai/special")
                .orElseThrow();

        assertThat(resolution.wildcard()).isTrue();
    }
}
