package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code router_settings} merged over {@code litellm_settings}, with every value checked. */
class RouterSettingsParserTest {

    private static RouterSettings router(String yaml) {
        return TestYaml.parse(yaml).router();
    }

    private static void assertFails(String yaml, String message) {
        assertThatThrownBy(() -> TestYaml.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void timeout_defaults_to_litellms_6000_seconds() {
        RouterSettings settings = router("model_list: []");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(6000));
        assertThat(settings.streamTimeout()).isNull();
    }

    @Test
    void router_timeout_wins_over_request_timeout() {
        assertThat(router("litellm_settings: {request_timeout: 10}").timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(router("litellm_settings: {request_timeout: 10}\nrouter_settings: {timeout: 30}")
                        .timeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void timeouts_may_be_fractions_of_a_second() {
        RouterSettings settings = router("router_settings: {timeout: 0.5, stream_timeout: 0.01}");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.streamTimeout()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void timeouts_must_be_positive_numbers() {
        assertFails("router_settings: {timeout: 0}", "router_settings.timeout: expected a number above 0, got 0");
        assertFails(
                "litellm_settings: {request_timeout: soon}",
                "litellm_settings.request_timeout: expected a number, got \"soon\"");
    }

    @Test
    void router_settings_win_where_both_sections_set_a_key() {
        RouterSettings settings = router(
                """
                litellm_settings: {num_retries: 3, allowed_fails: 3, success_callback: [langfuse]}
                router_settings: {num_retries: 2, redis_host: localhost}
                """);
        assertThat(settings.merged().getValue("num_retries")).isEqualTo(2L);
        assertThat(settings.merged().getValue("allowed_fails")).isEqualTo(3L);
        assertThat(settings.merged().containsKey("success_callback")).isFalse();
        assertThat(settings.merged().getString("redis_host")).isEqualTo("localhost");
    }

    @Test
    void keys_outside_the_routing_feature_set_are_reported_as_ignored() {
        JunctionConfig config = TestYaml.parse(
                """
                litellm_settings: {drop_params: True, success_callback: [langfuse], cache: true}
                router_settings: {routing_strategy: least-busy, redis_host: h, redis_port: 1992}
                """);
        assertThat(config.ignoredKeys()).containsExactly("router_settings.redis_host", "router_settings.redis_port");
    }

    @Test
    void routing_strategy_must_be_a_known_one() {
        assertThat(router("router_settings: {routing_strategy: usage-based-routing-v2}")
                        .merged()
                        .getString("routing_strategy"))
                .isEqualTo("usage-based-routing-v2");
        assertFails(
                "router_settings: {routing_strategy: round-robin}",
                "router_settings.routing_strategy: expected one of simple-shuffle, least-busy, usage-based-routing, "
                        + "usage-based-routing-v2, latency-based-routing, cost-based-routing, got \"round-robin\"");
    }

    @Test
    void booleans_accept_yaml_booleans_and_their_text() {
        RouterSettings settings = router(
                "router_settings: {disable_cooldowns: True, enable_pre_call_checks: 'false', drop_params: 'TRUE'}");
        assertThat(settings.merged().getBoolean("disable_cooldowns")).isTrue();
        assertThat(settings.merged().getBoolean("enable_pre_call_checks")).isFalse();
        assertThat(settings.merged().getBoolean("drop_params")).isTrue();
        assertFails(
                "router_settings: {disable_cooldowns: maybe}",
                "router_settings.disable_cooldowns: expected true or false, got \"maybe\"");
    }

    @Test
    void fallback_lists_are_kept_when_well_formed() {
        RouterSettings settings = router(
                """
                litellm_settings:
                  fallbacks: [{"zephyr-beta": ["gpt-3.5-turbo"]}]
                  context_window_fallbacks: [{"a": ["b", "c"]}, {"d": ["e"]}]
                  default_fallbacks: ["claude-opus"]
                """);
        assertThat(settings.merged().getJsonArray("context_window_fallbacks")).hasSize(2);
        assertThat(settings.merged().getJsonArray("default_fallbacks").getList())
                .containsExactly("claude-opus");
    }

    @Test
    void a_fallback_item_must_have_exactly_one_group() {
        assertFails(
                "litellm_settings: {fallbacks: [{a: [b], c: [d]}]}",
                "litellm_settings.fallbacks[0]: expected a map with exactly one model group and its fallback list, "
                        + "got 2 keys [a, c]");
        assertFails(
                "router_settings: {content_policy_fallbacks: [gpt-4]}",
                "router_settings.content_policy_fallbacks[0]: expected a map, got \"gpt-4\"");
    }

    @Test
    void a_fallback_group_maps_to_a_list_of_names() {
        assertFails(
                "router_settings: {context_window_fallbacks: [{a: b}]}",
                "router_settings.context_window_fallbacks[0].a: expected a list of model group names, got \"b\"");
        assertFails(
                "router_settings: {fallbacks: [{a: [b, 3]}]}",
                "router_settings.fallbacks[0].a[1]: expected a string, got 3");
        assertFails(
                "router_settings: {fallbacks: {a: [b]}}",
                "router_settings.fallbacks: expected a list, got {\"a\":[\"b\"]}");
    }

    @Test
    void default_fallbacks_is_a_list_of_names() {
        assertFails(
                "litellm_settings: {default_fallbacks: claude-opus}",
                "litellm_settings.default_fallbacks: expected a list, got \"claude-opus\"");
    }

    @Test
    void policies_map_error_kinds_to_counts() {
        RouterSettings settings = router(
                """
                router_settings:
                  retry_policy: {"AuthenticationErrorRetries": 3, "TimeoutErrorRetries": "2"}
                  model_group_retry_policy: {gpt-4: {"RateLimitErrorRetries": 1}}
                """);
        assertThat(settings.merged().getJsonObject("retry_policy").getValue("TimeoutErrorRetries"))
                .isEqualTo(2L);
        assertFails(
                "router_settings: {allowed_fails_policy: {BadRequestErrorAllowedFails: -1}}",
                "router_settings.allowed_fails_policy.BadRequestErrorAllowedFails: expected a whole number of at "
                        + "least 0, got -1");
    }

    @Test
    void a_policy_key_naming_no_error_class_is_warned_about_not_silently_ignored() {
        JunctionConfig config = TestYaml.parse(
                """
                router_settings:
                  retry_policy: {"RateLimitErrorRetries": 2, "RateLimitRetries": 5}
                  allowed_fails_policy: {"TimeoutErrorAllowedFails": 1, "TimeoutErrorRetries": 3}
                  model_group_retry_policy: {gpt-4: {"BadRequestErrorRetry": 1}}
                """);
        assertThat(config.warnings())
                .anyMatch(w -> w.startsWith("router_settings.retry_policy.RateLimitRetries: ")
                        && w.contains("RateLimitErrorRetries"))
                .anyMatch(w -> w.startsWith("router_settings.allowed_fails_policy.TimeoutErrorRetries: "))
                .anyMatch(w -> w.startsWith("router_settings.model_group_retry_policy.gpt-4.BadRequestErrorRetry: "))
                .noneMatch(w -> w.contains("RateLimitErrorRetries:") || w.contains("TimeoutErrorAllowedFails:"));
    }

    @Test
    void model_group_alias_maps_to_a_name_or_a_hidden_alias() {
        RouterSettings settings = router(
                """
                router_settings:
                  model_group_alias:
                    gpt-4: gpt-3.5-turbo
                    GPT-3.5-turbo: {model: gpt-3.5-turbo, hidden: true}
                """);
        assertThat(settings.merged().getJsonObject("model_group_alias").fieldNames())
                .hasSize(2);
        assertFails(
                "router_settings: {model_group_alias: {gpt-4: {hidden: true}}}",
                "router_settings.model_group_alias.gpt-4.model: is required");
    }

    @Test
    void sections_must_be_maps() {
        assertFails("router_settings: [a]", "router_settings: expected a map, got [\"a\"]");
        assertFails("litellm_settings: 5", "litellm_settings: expected a map, got 5");
    }
}
