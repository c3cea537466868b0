package dev.junction.router.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.bus.Cancellation;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.router.TestDeployments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagFilterTest {
    private static final TagFilter ANY = filter(true);
    private static final TagFilter ALL = filter(false);

    private static final Deployment EU = tagged("eu", "fast", "eu");
    private static final Deployment US = tagged("us", "fast", "us");
    private static final Deployment FALLBACK = tagged("fallback", "default");
    private static final Deployment CODE = TestDeployments.deployment("code", "g")
            .param("tag_regex", new JsonArray().add("^User-Agent: claude-code/"))
            .build();
    private static final List<Deployment> GROUP = List.of(EU, US, FALLBACK, CODE);

    private static TagFilter filter(boolean matchAny) {
        return TagFilter.fromSettings(TestDeployments.settings(
                new JsonObject().put("enable_tag_filtering", true).put("tag_filtering_match_any", matchAny)));
    }

    private static Deployment tagged(String id, String... tags) {
        return TestDeployments.deployment(id, "g")
                .param("tags", new JsonArray(List.of((Object[]) tags)))
                .build();
    }

    private static LlmRequest request(String userAgent, String... tags) {
        JsonObject body = new JsonObject().put("model", "g").put("tags", new JsonArray(List.of((Object[]) tags)));
        if (userAgent != null) {
            body.put("metadata", new JsonObject().put("user_agent", userAgent));
        }
        return new LlmRequest("call", Endpoint.CHAT_COMPLETIONS, "g", body, null, false, null, new Cancellation(), 0);
    }

    private static List<String> ids(List<Deployment> deployments) {
        return deployments.stream().map(Deployment::id).toList();
    }

    @Test
    void plain_tags_keep_the_deployments_carrying_any_of_them_or_all_when_asked() {
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null, "eu", "us"), "g"))).containsExactly("eu", "us");
        assertThat(ids(ALL.apply(GROUP, GROUP, request(null, "fast", "us"), "g")))
                .containsExactly("us");
    }

    @Test
    void excluded_and_required_tags_narrow_the_group_first() {
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null, "fast", "!us"), "g")))
                .containsExactly("eu");
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null, "&us"), "g"))).containsExactly("us");
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null, "!eu"), "g"))).containsExactly("fallback");
    }

    @Test
    void a_known_tag_whose_deployments_were_left_out_is_refused_an_unknown_one_goes_to_the_default() {
        assertThatThrownBy(() -> ANY.apply(GROUP, GROUP, request(null, "eu", "!eu"), "g"))
                .isInstanceOfSatisfying(GatewayException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(refused.getMessage()).endsWith("Passed model=g and tags=[eu, !eu]");
                });
        List<Deployment> cooled = List.of(US, FALLBACK, CODE);
        assertThatThrownBy(() -> ANY.apply(cooled, GROUP, request(null, "eu"), "g"))
                .isInstanceOf(GatewayException.class);
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null, "nobody"), "g"))).containsExactly("fallback");
    }

    @Test
    void a_user_agent_matching_a_tag_regex_chooses_that_deployment_else_the_default() {
        assertThat(ids(ANY.apply(GROUP, GROUP, request("claude-code/1.0.43"), "g")))
                .containsExactly("code");
        assertThat(ids(ANY.apply(GROUP, GROUP, request("curl/8.5.0"), "g"))).containsExactly("fallback");
        assertThat(ids(ANY.apply(GROUP, GROUP, request(null), "g"))).containsExactly("fallback");
    }

    @Test
    void an_exact_tag_match_comes_before_a_pattern_and_a_strict_policy_is_not_got_round() {
        Deployment taggedCode = TestDeployments.deployment("tagged-code", "g")
                .param("tags", new JsonArray().add("team-x"))
                .param("tag_regex", new JsonArray().add("claude-code"))
                .build();
        List<Deployment> group = List.of(taggedCode, FALLBACK);

        assertThat(ids(ANY.apply(group, group, request("claude-code/1"), "g"))).containsExactly("tagged-code");
        assertThat(ids(ALL.apply(group, group, request("claude-code/1"), "g"))).containsExactly("fallback");
    }
}
