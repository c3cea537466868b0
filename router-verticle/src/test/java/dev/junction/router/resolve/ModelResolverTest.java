package dev.junction.router.resolve;

import static dev.junction.router.TestDeployments.deployment;
import static dev.junction.router.TestDeployments.openai;
import static dev.junction.router.TestDeployments.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Deployment;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelResolverTest {
    private static final RouterSettings NO_SETTINGS = RouterSettings.defaults();

    @Test
    void resolves_an_exact_model_name_to_all_its_deployments() {
        Deployment a = openai("a", "gpt-4o");
        Deployment b = openai("b", "gpt-4o");
        ModelResolver resolver = new ModelResolver(List.of(a, b, openai("c", "other")), NO_SETTINGS);

        Resolution resolution = resolver.resolve("gpt-4o").orElseThrow();

        assertThat(resolution.modelGroup()).isEqualTo("gpt-4o");
        assertThat(resolution.deployments()).containsExactly(a, b);
        assertThat(resolution.byId()).isFalse();
        assertThat(resolution.wildcard()).isFalse();
        assertThat(resolution.viaAlias()).isFalse();
    }

    @Test
    void a_deployment_id_resolves_to_that_single_deployment_flagged_by_id() {
        Deployment a = openai("a", "gpt-4o");
        Deployment b = openai("b", "gpt-4o");
        ModelResolver resolver = new ModelResolver(List.of(a, b), NO_SETTINGS);

        Resolution resolution = resolver.resolve("b").orElseThrow();

        assertThat(resolution.deployments()).containsExactly(b);
        assertThat(resolution.byId()).isTrue();
        assertThat(resolution.modelGroup()).isEqualTo("gpt-4o");
    }

    @Test
    void a_deployment_id_wins_over_a_group_of_the_same_name() {
        Deployment named = openai("gpt-4o", "other");
        Deployment grouped = openai("x", "gpt-4o");
        ModelResolver resolver = new ModelResolver(List.of(named, grouped), NO_SETTINGS);

        assertThat(resolver.resolve("gpt-4o").orElseThrow().deployments()).containsExactly(named);
    }

    @Test
    void a_string_alias_routes_to_its_group_and_reports_the_alias_name() {
        Deployment a = openai("a", "gpt-3.5-turbo");
        ModelResolver resolver = new ModelResolver(
                List.of(a),
                settings(new JsonObject().put("model_group_alias", new JsonObject().put("gpt-4", "gpt-3.5-turbo"))));

        Resolution resolution = resolver.resolve("gpt-4").orElseThrow();

        assertThat(resolution.modelGroup()).isEqualTo("gpt-4");
        assertThat(resolution.aliasTarget()).isEqualTo("gpt-3.5-turbo");
        assertThat(resolution.viaAlias()).isTrue();
        assertThat(resolution.deployments()).containsExactly(a);
    }

    @Test
    void an_alias_wins_over_a_group_of_the_same_name() {
        Deployment real = openai("a", "target");
        Deployment shadowed = openai("b", "gpt-4");
        ModelResolver resolver = new ModelResolver(
                List.of(real, shadowed),
                settings(new JsonObject().put("model_group_alias", new JsonObject().put("gpt-4", "target"))));

        assertThat(resolver.resolve("gpt-4").orElseThrow().deployments()).containsExactly(real);
    }

    @Test
    void aliases_are_not_chained() {
        ModelResolver resolver = new ModelResolver(
                List.of(openai("a", "real")),
                settings(new JsonObject()
                        .put(
                                "model_group_alias",
                                new JsonObject().put("one", "two").put("two", "real"))));

        assertThat(resolver.resolve("two")).isPresent();
        assertThat(resolver.resolve("one")).isEmpty();
    }

    @Test
    void an_alias_can_target_a_wildcard_route() {
        ModelResolver resolver = new ModelResolver(
                List.of(deployment("w", "anthropic/*").model("anthropic/*").build()),
                settings(new JsonObject()
                        .put("model_group_alias", new JsonObject().put("haiku", "anthropic/claude-3-haiku"))));

        Resolution resolution = resolver.resolve("haiku").orElseThrow();

        assertThat(resolution.modelGroup()).isEqualTo("haiku");
        assertThat(resolution.wildcard()).isTrue();
        assertThat(resolution.deployments().get(0).upstreamModel()).isEqualTo("claude-3-haiku");
    }

    @Test
    void hidden_aliases_route_but_are_not_listed() {
        JsonObject aliases = new JsonObject()
                .put("gpt-4", "gpt-3.5-turbo")
                .put(
                        "GPT-3.5-turbo",
                        new JsonObject().put("model", "gpt-3.5-turbo").put("hidden", true));
        ModelResolver resolver = new ModelResolver(
                List.of(openai("a", "gpt-3.5-turbo"), openai("b", "claude")),
                settings(new JsonObject().put("model_group_alias", aliases)));

        assertThat(resolver.listedModelNames()).containsExactly("gpt-3.5-turbo", "claude", "gpt-4");
        assertThat(resolver.isHiddenAlias("GPT-3.5-turbo")).isTrue();
        assertThat(resolver.isHiddenAlias("gpt-4")).isFalse();
        assertThat(resolver.isHiddenAlias("claude")).isFalse();
        assertThat(resolver.resolve("GPT-3.5-turbo").orElseThrow().modelGroup()).isEqualTo("GPT-3.5-turbo");
    }

    @Test
    void listed_names_include_wildcard_names_as_written() {
        ModelResolver resolver = new ModelResolver(
                List.of(
                        openai("a", "gpt-4o"),
                        deployment("w", "anthropic/*").model("anthropic/*").build()),
                NO_SETTINGS);

        assertThat(resolver.listedModelNames()).containsExactly("gpt-4o", "anthropic/*");
    }

    @Test
    void falls_back_to_matching_litellm_params_model_under_the_deployments_group() {
        Deployment a = deployment("a", "my-gpt").model("openai/gpt-4o-2024").build();
        ModelResolver resolver = new ModelResolver(List.of(a), NO_SETTINGS);

        Resolution resolution = resolver.resolve("openai/gpt-4o-2024").orElseThrow();

        assertThat(resolution.deployments()).containsExactly(a);
        assertThat(resolution.modelGroup()).isEqualTo("my-gpt");
    }

    @Test
    void an_exact_group_wins_over_a_wildcard_that_also_matches() {
        Deployment exact = openai("a", "openai/gpt-4o");
        Deployment wildcard = deployment("w", "openai/*").model("openai/*").build();
        ModelResolver resolver = new ModelResolver(List.of(wildcard, exact), NO_SETTINGS);

        Resolution resolution = resolver.resolve("openai/gpt-4o").orElseThrow();

        assertThat(resolution.wildcard()).isFalse();
        assertThat(resolution.deployments()).containsExactly(exact);
    }

    @Test
    void unknown_names_do_not_resolve() {
        ModelResolver resolver = new ModelResolver(List.of(openai("a", "gpt-4o")), NO_SETTINGS);

        assertThat(resolver.resolve("gpt-5")).isEmpty();
        assertThat(resolver.resolve("")).isEmpty();
        assertThat(resolver.resolve(null)).isEmpty();
    }

    @Test
    void a_wildcard_deployment_id_is_not_a_direct_target() {
        Deployment wildcard = deployment("w", "openai/*").model("openai/*").build();
        ModelResolver resolver = new ModelResolver(List.of(wildcard), NO_SETTINGS);

        Resolution resolution = resolver.resolve("w").orElseThrow();

        // "w" is routed like any bare model name through openai/*, never as the literal "*" deployment.
        assertThat(resolution.byId()).isFalse();
        assertThat(resolution.wildcard()).isTrue();
        assertThat(resolution.deployments().get(0).upstreamModel()).isEqualTo("w");
        assertThat(resolver.group("openai/*")).isEmpty();
    }
}
