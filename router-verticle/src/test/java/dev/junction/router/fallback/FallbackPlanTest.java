package dev.junction.router.fallback;

import static dev.junction.router.TestDeployments.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class FallbackPlanTest {

    private static JsonArray list(JsonObject... items) {
        return new JsonArray(java.util.List.of((Object[]) items));
    }

    private static JsonObject entry(String group, String... fallbacks) {
        return new JsonObject().put(group, new JsonArray(java.util.List.of((Object[]) fallbacks)));
    }

    private static FallbackPlan plan(JsonObject merged) {
        return FallbackPlan.fromSettings(settings(merged));
    }

    private static final FallbackPlan GENERIC = plan(new JsonObject()
            .put("fallbacks", list(entry("zephyr-beta", "gpt-3.5-turbo", "claude"), entry("gpt-3.5-turbo", "gpt-4o"))));

    @Test
    void generic_fallbacks_are_looked_up_by_the_exact_group() {
        assertThat(GENERIC.groupsFor(ErrorKind.INTERNAL, "zephyr-beta")).containsExactly("gpt-3.5-turbo", "claude");
        assertThat(GENERIC.groupsFor(ErrorKind.RATE_LIMITED, "gpt-3.5-turbo")).containsExactly("gpt-4o");
        assertThat(GENERIC.groupsFor(ErrorKind.INTERNAL, "unknown")).isEmpty();
        assertThat(GENERIC.hasFallbacks()).isTrue();
    }

    @Test
    void a_provider_prefixed_group_finds_the_entry_of_its_bare_name() {
        assertThat(GENERIC.groupsFor(ErrorKind.INTERNAL, "openai/gpt-3.5-turbo"))
                .containsExactly("gpt-4o");
        assertThat(GENERIC.groupsFor(ErrorKind.INTERNAL, "acme/gpt-3.5-turbo")).isEmpty();
    }

    @Test
    void the_exact_entry_wins_over_the_stripped_one() {
        FallbackPlan plan = plan(
                new JsonObject().put("fallbacks", list(entry("gpt-4o", "bare"), entry("openai/gpt-4o", "prefixed"))));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "openai/gpt-4o")).containsExactly("prefixed");
    }

    @Test
    void default_fallbacks_apply_to_groups_without_their_own_entry() {
        FallbackPlan plan = plan(new JsonObject()
                .put("fallbacks", list(entry("a", "b")))
                .put("default_fallbacks", new JsonArray().add("claude-opus")));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "a")).containsExactly("b");
        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "anything")).containsExactly("claude-opus");
    }

    @Test
    void default_fallbacks_replace_a_star_entry_of_the_list() {
        FallbackPlan plan = plan(new JsonObject()
                .put("fallbacks", list(entry("*", "from-list")))
                .put("default_fallbacks", new JsonArray().add("from-default")));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "x")).containsExactly("from-default");
    }

    @Test
    void the_first_entry_of_a_repeated_group_wins() {
        FallbackPlan plan = plan(new JsonObject().put("fallbacks", list(entry("a", "first"), entry("a", "second"))));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "a")).containsExactly("first");
    }

    @Test
    void a_fallback_equal_to_the_failed_group_is_skipped() {
        FallbackPlan plan = plan(new JsonObject()
                .put("default_fallbacks", new JsonArray().add("a").add("b")));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "a")).containsExactly("b");
    }

    @Test
    void context_window_errors_use_only_their_own_list_when_it_is_set() {
        FallbackPlan plan = plan(new JsonObject()
                .put("fallbacks", list(entry("small", "generic")))
                .put("context_window_fallbacks", list(entry("small", "large"))));

        assertThat(plan.hasContextWindowFallbacks()).isTrue();
        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "small")).containsExactly("large");
        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "other")).isEmpty();
        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "small")).containsExactly("generic");
    }

    @Test
    void context_window_errors_use_the_generic_list_when_theirs_is_not_set() {
        assertThat(GENERIC.hasContextWindowFallbacks()).isFalse();
        assertThat(GENERIC.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "zephyr-beta"))
                .containsExactly("gpt-3.5-turbo", "claude");
    }

    @Test
    void an_empty_context_window_list_counts_as_not_set() {
        FallbackPlan plan = plan(new JsonObject()
                .put("fallbacks", list(entry("small", "generic")))
                .put("context_window_fallbacks", new JsonArray()));

        assertThat(plan.hasContextWindowFallbacks()).isFalse();
        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "small")).containsExactly("generic");
    }

    @Test
    void content_policy_errors_use_only_their_own_list_when_it_is_set() {
        FallbackPlan plan = plan(new JsonObject()
                .put("fallbacks", list(entry("azure-gpt", "generic")))
                .put("content_policy_fallbacks", list(entry("azure-gpt", "claude-opus"))));

        assertThat(plan.hasContentPolicyFallbacks()).isTrue();
        assertThat(plan.groupsFor(ErrorKind.CONTENT_POLICY_VIOLATION, "azure-gpt"))
                .containsExactly("claude-opus");
        assertThat(plan.groupsFor(ErrorKind.CONTENT_POLICY_VIOLATION, "other")).isEmpty();
        assertThat(GENERIC.groupsFor(ErrorKind.CONTENT_POLICY_VIOLATION, "zephyr-beta"))
                .hasSize(2);
    }

    @Test
    void max_fallbacks_defaults_to_five() {
        assertThat(plan(new JsonObject()).maxFallbacks()).isEqualTo(5);
        assertThat(plan(new JsonObject().put("max_fallbacks", 2)).maxFallbacks())
                .isEqualTo(2);
    }

    @Test
    void without_any_list_there_is_nothing_to_fall_back_to() {
        FallbackPlan none = FallbackPlan.fromSettings(RouterSettings.defaults());

        assertThat(none.hasFallbacks()).isFalse();
        assertThat(none.groupsFor(ErrorKind.INTERNAL, "a")).isEmpty();
    }

    @Test
    void client_model_names_are_tried_in_order_for_any_error() {
        FallbackPlan plan = GENERIC.forRequest(new JsonObject()
                .put(
                        "fallbacks",
                        new JsonArray().add("gpt-4o").add("zephyr-beta").add("claude")));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "zephyr-beta")).containsExactly("gpt-4o", "claude");
        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "other"))
                .containsExactly("gpt-4o", "zephyr-beta", "claude");
        assertThat(plan.hasFallbacks()).isTrue();
    }

    @Test
    void client_fallback_maps_carry_their_parameter_overrides() {
        JsonObject cheaper = new JsonObject().put("model", "gpt-4o-mini").put("max_tokens", 50);
        FallbackPlan plan = GENERIC.forRequest(new JsonObject().put("fallbacks", new JsonArray().add(cheaper)));

        FallbackTarget target = plan.targetsFor(ErrorKind.INTERNAL, "gpt-4o").get(0);

        assertThat(target.model()).isEqualTo("gpt-4o-mini");
        assertThat(target.overrides()).isEqualTo(new JsonObject().put("max_tokens", 50));
    }

    @Test
    void a_standard_list_in_the_request_replaces_the_router_list() {
        FallbackPlan plan = GENERIC.forRequest(new JsonObject().put("fallbacks", list(entry("zephyr-beta", "mine"))));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "zephyr-beta")).containsExactly("mine");
        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "gpt-3.5-turbo")).isEmpty();
    }

    @Test
    void an_empty_request_list_turns_generic_fallbacks_off() {
        FallbackPlan plan = GENERIC.forRequest(new JsonObject().put("fallbacks", new JsonArray()));

        assertThat(plan.hasFallbacks()).isFalse();
        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "zephyr-beta")).isEmpty();
    }

    @Test
    void disable_fallbacks_turns_every_list_off() {
        FallbackPlan plan = plan(new JsonObject()
                        .put("fallbacks", list(entry("a", "b")))
                        .put("context_window_fallbacks", list(entry("a", "c"))))
                .forRequest(new JsonObject().put("disable_fallbacks", "true"));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "a")).isEmpty();
        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "a")).isEmpty();
        assertThat(plan.maxFallbacks()).isZero();
    }

    @Test
    void the_request_may_set_its_own_special_lists_and_max_fallbacks() {
        FallbackPlan plan = GENERIC.forRequest(new JsonObject()
                .put("context_window_fallbacks", list(entry("zephyr-beta", "big")))
                .put("max_fallbacks", 1));

        assertThat(plan.groupsFor(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "zephyr-beta"))
                .containsExactly("big");
        assertThat(plan.maxFallbacks()).isEqualTo(1);
    }

    @Test
    void a_request_without_fallback_fields_keeps_the_router_plan() {
        FallbackPlan plan = GENERIC.forRequest(new JsonObject().put("model", "zephyr-beta"));

        assertThat(plan.groupsFor(ErrorKind.INTERNAL, "zephyr-beta")).containsExactly("gpt-3.5-turbo", "claude");
        assertThat(plan.maxFallbacks()).isEqualTo(5);
    }

    @Test
    void malformed_request_fallbacks_are_a_bad_request_naming_the_field() {
        assertThatThrownBy(() -> GENERIC.forRequest(new JsonObject().put("fallbacks", "gpt-4o")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("fallbacks"));
        assertThatThrownBy(() -> GENERIC.forRequest(new JsonObject()
                        .put("fallbacks", new JsonArray().add("gpt-4o").add(42))))
                .isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> GENERIC.forRequest(new JsonObject()
                        .put("fallbacks", new JsonArray().add(entry("a", "b")).add("c"))))
                .isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> GENERIC.forRequest(new JsonObject().put("max_fallbacks", -1)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).contains("max_fallbacks"));
    }
}
