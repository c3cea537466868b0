package dev.junction.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAccessTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private static VirtualKey key(List<String> models, Map<String, String> aliases, String teamId) {
        return new VirtualKey(
                "t",
                "sk-...abcd",
                null,
                models,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                aliases,
                teamId,
                null,
                0,
                false,
                NOW,
                NOW);
    }

    private static Team team(List<String> models, Map<String, String> aliases) {
        return new Team("team-1", null, models, aliases, null, null, null, null, null, null, null, 0, false, NOW, NOW);
    }

    private static Caller.KeyHolder holder(VirtualKey key, Team team) {
        return new Caller.KeyHolder(key, team);
    }

    private static final ModelAccess ACCESS = ModelAccess.of(List.of());

    private static ErrorKind refusal(ModelAccess access, Caller.KeyHolder holder, String model, JsonObject body) {
        try {
            access.check(holder, model, body);
            return null;
        } catch (GatewayException denied) {
            assertThat(denied.param()).contains("model");
            assertThat(denied.getMessage()).contains("Tried to access ");
            return denied.kind();
        }
    }

    @Test
    void an_empty_list_or_all_proxy_models_allows_everything() {
        assertThat(refusal(ACCESS, holder(key(List.of(), Map.of(), null), null), "gpt-4o", new JsonObject()))
                .isNull();
        assertThat(refusal(
                        ACCESS,
                        holder(key(List.of("all-proxy-models"), Map.of(), null), null),
                        "anything",
                        new JsonObject()))
                .isNull();
    }

    @Test
    void a_listed_model_passes_and_another_is_refused_with_litellms_error() {
        Caller.KeyHolder holder = holder(key(List.of("gpt-4o"), Map.of(), null), null);
        assertThat(refusal(ACCESS, holder, "gpt-4o", new JsonObject())).isNull();
        assertThat(refusal(ACCESS, holder, "claude", new JsonObject())).isEqualTo(ErrorKind.KEY_MODEL_ACCESS_DENIED);
        assertThatThrownBy(() -> ACCESS.check(holder, "claude", new JsonObject()))
                .hasMessage("Authentication Error, key not allowed to access model. This key can only access"
                        + " models=[gpt-4o]. Tried to access claude");
    }

    @Test
    void every_client_side_fallback_must_be_allowed_too() {
        Caller.KeyHolder holder = holder(key(List.of("gpt-4o", "gpt-4o-mini"), Map.of(), null), null);
        JsonObject allowed = new JsonObject().put("fallbacks", new JsonArray().add("gpt-4o-mini"));
        JsonObject sneaky = new JsonObject().put("fallbacks", new JsonArray().add(new JsonObject().put("model", "o1")));
        JsonObject standard = new JsonObject()
                .put("fallbacks", new JsonArray().add(new JsonObject().put("gpt-4o", new JsonArray().add("o1"))));
        assertThat(refusal(ACCESS, holder, "gpt-4o", allowed)).isNull();
        assertThat(refusal(ACCESS, holder, "gpt-4o", sneaky)).isEqualTo(ErrorKind.KEY_MODEL_ACCESS_DENIED);
        assertThat(refusal(ACCESS, holder, "gpt-4o", standard)).isEqualTo(ErrorKind.KEY_MODEL_ACCESS_DENIED);
    }

    @Test
    void wildcards_and_access_groups_allow_what_they_cover() {
        Deployment grouped = new Deployment(
                "d1",
                "internal-llama",
                "openai/llama",
                ProviderCatalog.byPrefix("openai").orElseThrow(),
                "llama",
                "http://localhost:1/v1",
                null,
                new JsonObject(),
                new JsonObject().put("access_groups", new JsonArray().add("beta-models")));
        ModelAccess access = ModelAccess.of(List.of(grouped));
        Caller.KeyHolder holder = holder(key(List.of("openai/*", "beta-models"), Map.of(), null), null);
        assertThat(refusal(access, holder, "openai/gpt-4o", new JsonObject())).isNull();
        assertThat(refusal(access, holder, "internal-llama", new JsonObject())).isNull();
        assertThat(refusal(access, holder, "anthropic/claude", new JsonObject()))
                .isEqualTo(ErrorKind.KEY_MODEL_ACCESS_DENIED);
    }

    @Test
    void access_groups_follow_the_deployments_served_now() {
        Deployment grouped = new Deployment(
                "d1",
                "live-llama",
                "openai/llama",
                ProviderCatalog.byPrefix("openai").orElseThrow(),
                "llama",
                "http://localhost:1/v1",
                null,
                new JsonObject(),
                new JsonObject().put("access_groups", new JsonArray().add("live-group")));
        java.util.concurrent.atomic.AtomicReference<List<Deployment>> served =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        ModelAccess access = ModelAccess.live(served::get);
        Caller.KeyHolder teamKey = holder(key(List.of(), Map.of(), "team-1"), team(List.of("live-group"), Map.of()));
        assertThat(refusal(access, teamKey, "live-llama", new JsonObject()))
                .isEqualTo(ErrorKind.TEAM_MODEL_ACCESS_DENIED);

        served.set(List.of(grouped));
        assertThat(refusal(access, teamKey, "live-llama", new JsonObject())).isNull();
        assertThat(access.accessGroups()).containsExactly("live-group");

        served.set(List.of());
        assertThat(refusal(access, teamKey, "live-llama", new JsonObject()))
                .isEqualTo(ErrorKind.TEAM_MODEL_ACCESS_DENIED);
        assertThat(access.accessGroups()).isEmpty();
    }

    @Test
    void a_team_key_must_pass_the_team_list_as_well() {
        Caller.KeyHolder holder = holder(key(List.of(), Map.of(), "team-1"), team(List.of("gpt-4o"), Map.of()));
        assertThat(refusal(ACCESS, holder, "gpt-4o", new JsonObject())).isNull();
        assertThat(refusal(ACCESS, holder, "o1", new JsonObject())).isEqualTo(ErrorKind.TEAM_MODEL_ACCESS_DENIED);
    }

    @Test
    void all_team_models_on_a_key_defers_to_the_team() {
        Caller.KeyHolder holder =
                holder(key(List.of("all-team-models"), Map.of(), "team-1"), team(List.of("o1"), Map.of()));
        assertThat(refusal(ACCESS, holder, "o1", new JsonObject())).isNull();
        assertThat(refusal(ACCESS, holder, "gpt-4o", new JsonObject())).isEqualTo(ErrorKind.TEAM_MODEL_ACCESS_DENIED);
    }

    @Test
    void team_aliases_apply_before_key_aliases_and_an_alias_is_callable() {
        Caller.KeyHolder holder = holder(
                key(List.of("team-gpt"), Map.of("team-gpt", "gpt-4o-key"), "team-1"),
                team(List.of("team-gpt-deployment"), Map.of("gpt-4o", "team-gpt")));
        assertThat(ModelAccess.rewrite(holder, "gpt-4o")).isEqualTo("gpt-4o-key");
        assertThat(ModelAccess.rewrite(holder, "other")).isEqualTo("other");
        // gpt-4o is a team alias: the team allows it, and the key allows what it becomes.
        assertThat(refusal(ACCESS, holder, "gpt-4o", new JsonObject())).isNull();
    }

    @Test
    void models_listing_follows_the_same_rules() {
        Caller.KeyHolder holder = holder(key(List.of("gpt-4o"), Map.of(), null), null);
        assertThat(ACCESS.allows(holder, "gpt-4o")).isTrue();
        assertThat(ACCESS.allows(holder, "o1")).isFalse();
    }
}
