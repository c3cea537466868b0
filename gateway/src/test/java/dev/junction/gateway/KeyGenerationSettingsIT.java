package dev.junction.gateway;

import static dev.junction.gateway.AdminClient.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * LiteLLM's {@code default_key_generate_params}, {@code upperbound_key_generate_params}, {@code
 * key_generation_settings}, {@code max_internal_user_budget} and {@code internal_user_budget_duration}, end to end
 * through one node's HTTP API on the embedded store: a config using them starts, and keys and users are made as
 * LiteLLM makes them. Its own config, as these settings would change what every other management test makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyGenerationSettingsIT {
    private static final String MASTER = "sk-master-keygen";

    GatewayHarness gateway;
    AdminClient admin;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/key-generation.yaml", Map.of(), "junction-keygen-" + UUID.randomUUID(), null);
        admin = new AdminClient(gateway, MASTER);
        for (String path : List.of("/gpt-4o", "/cheap")) {
            gateway.upstream
                    .on(path + "/v1/chat/completions")
                    .replyAlways(OpenAiWire.chat("gpt-4o")
                            .content("from " + path)
                            .usage(10, 5)
                            .answer());
        }
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private void chat(String key, String model) {
        gateway.openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("Hello")
                        .build());
    }

    @Test
    void the_defaults_fill_what_a_key_request_leaves_out_and_the_bounds_what_is_still_unset() throws Exception {
        JsonObject key = admin.ok("/key/generate", new JsonObject().put("key_alias", id("defaults")));
        assertThat(key.getDouble("max_budget")).isEqualTo(1.5);
        assertThat(key.getJsonArray("models")).containsExactly("cheap");
        assertThat(key.getJsonObject("metadata").getString("source")).isEqualTo("config");
        assertThat(key.getLong("rpm_limit")).isEqualTo(100L);
        Instant expires = Instant.parse(key.getString("expires"));
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(6), Duration.ofDays(7));

        // The default models bound the key: the other model is refused, the default one answers.
        chat(key.getString("key"), "cheap");
        assertThatThrownBy(() -> chat(key.getString("key"), "gpt-4o"))
                .isInstanceOfSatisfying(OpenAIServiceException.class, refused -> assertThat(refused.statusCode())
                        .isEqualTo(401));

        JsonObject own = admin.ok(
                "/key/generate",
                new JsonObject()
                        .put("key_alias", id("own"))
                        .put("models", new JsonArray().add("gpt-4o"))
                        .put("max_budget", 0.5)
                        .put("duration", null)
                        .put("metadata", new JsonObject().put("source", "request")));
        assertThat(own.getDouble("max_budget")).isEqualTo(0.5);
        assertThat(own.getJsonArray("models")).containsExactly("gpt-4o");
        assertThat(own.getJsonObject("metadata").getString("source")).isEqualTo("request");
        // Sent as null is left out, as in LiteLLM: the default applies.
        assertThat(Instant.parse(own.getString("expires")))
                .isAfter(Instant.now().plus(Duration.ofDays(6)));
        chat(own.getString("key"), "gpt-4o");
    }

    @Test
    void a_value_over_its_bound_is_refused_with_litellms_message() throws Exception {
        assertRefused(
                new JsonObject().put("key_alias", id("over")).put("max_budget", 3),
                "max_budget",
                "max_budget is over max limit set in config - user_value=3.0; max_value=2.0");
        assertRefused(
                new JsonObject().put("key_alias", id("over")).put("rpm_limit", 101),
                "rpm_limit",
                "rpm_limit is over max limit set in config - user_value=101; max_value=100");
        assertRefused(
                new JsonObject().put("key_alias", id("over")).put("duration", "5w"),
                "duration",
                "duration is over max limit set in config - user_value=5w; max_value=30d");

        JsonObject atBound = admin.ok(
                "/key/generate",
                new JsonObject()
                        .put("key_alias", id("bound"))
                        .put("max_budget", 2)
                        .put("rpm_limit", 100)
                        .put("duration", "1mo"));
        assertThat(atBound.getDouble("max_budget")).isEqualTo(2.0);
        assertThat(atBound.getLong("rpm_limit")).isEqualTo(100L);
    }

    @Test
    void personal_keys_need_an_allowed_role_and_the_required_params() throws Exception {
        assertRefused(new JsonObject(), "key_alias", "Required param key_alias not in data");

        String user = admin.ok("/user/new", new JsonObject().put("user_id", id("personal")))
                .getString("key");
        HttpResponse<String> refused = admin.as(user).post("/key/generate", new JsonObject().put("key_alias", "mine"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused).getString("message"))
                .isEqualTo("Personal key creation has been restricted by admin. Allowed roles=['proxy_admin']. "
                        + "Your role=internal_user");
    }

    @Test
    void team_keys_need_a_team_member_of_an_allowed_role_and_the_required_params() throws Exception {
        String ada = id("ada");
        String bob = id("bob");
        String carol = id("carol");
        String adaKey =
                admin.ok("/user/new", new JsonObject().put("user_id", ada)).getString("key");
        String bobKey =
                admin.ok("/user/new", new JsonObject().put("user_id", bob)).getString("key");
        String carolKey =
                admin.ok("/user/new", new JsonObject().put("user_id", carol)).getString("key");
        String team = id("team");
        admin.ok(
                "/team/new",
                new JsonObject()
                        .put("team_id", team)
                        .put(
                                "members_with_roles",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "admin")
                                                .put("user_id", ada))
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("user_id", bob))));

        assertTeamKeyRefused(
                bobKey,
                new JsonObject().put("team_id", team).put("key_alias", "b"),
                "Team member role user not in allowed_team_member_roles=['admin']");
        assertTeamKeyRefused(
                carolKey,
                new JsonObject().put("team_id", team).put("key_alias", "c"),
                "User=" + carol + " not assigned to team=" + team);
        assertTeamKeyRefused(
                adaKey,
                new JsonObject().put("team_id", team).put("user_id", carol).put("key_alias", "a"),
                "User=" + carol + " not assigned to team=" + team);
        assertTeamKeyRefused(adaKey, new JsonObject().put("team_id", team), "Required param key_alias not in data");
        assertTeamKeyRefused(
                MASTER,
                new JsonObject().put("team_id", "no-such-team").put("key_alias", "x"),
                "Unable to find team object in database. Team ID: no-such-team");

        JsonObject adas = admin.as(adaKey)
                .ok("/key/generate", new JsonObject().put("team_id", team).put("key_alias", id("ada")));
        assertThat(adas.getString("team_id")).isEqualTo(team);
        assertThat(adas.getString("user_id")).isEqualTo(ada);
        chat(adas.getString("key"), "cheap");
        // Proxy admins skip the team's rules, key_alias included.
        assertThat(admin.ok("/key/generate", new JsonObject().put("team_id", team))
                        .getString("team_id"))
                .isEqualTo(team);
    }

    @Test
    void a_new_internal_user_gets_the_configured_budget_and_is_held_to_it() throws Exception {
        JsonObject user = admin.ok("/user/new", new JsonObject().put("user_id", id("budget")));
        assertThat(user.getDouble("max_budget")).isEqualTo(0.01);
        assertThat(user.getString("budget_duration")).isEqualTo("1d");
        assertThat(user.getString("budget_reset_at")).isNotNull();

        JsonObject own = admin.ok(
                "/user/new",
                new JsonObject()
                        .put("user_id", id("own"))
                        .put("user_role", "internal_user")
                        .put("max_budget", 5));
        assertThat(own.getDouble("max_budget")).isEqualTo(5.0);
        assertThat(own.getString("budget_duration")).isEqualTo("1d");

        JsonObject proxyAdmin = admin.ok(
                "/user/new", new JsonObject().put("user_id", id("admin")).put("user_role", "proxy_admin"));
        assertThat(proxyAdmin.getValue("max_budget")).isNull();
        assertThat(proxyAdmin.getValue("budget_duration")).isNull();

        // The first call (0.02) spends past the 0.01 budget; a later one is refused.
        String key = user.getString("key");
        chat(key, "cheap");
        assertThatThrownBy(() -> {
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        chat(key, "cheap");
                        Thread.sleep(100);
                    }
                })
                .isInstanceOfSatisfying(BadRequestException.class, refused -> assertThat(refused.getMessage())
                        .contains("budget"));
    }

    private void assertRefused(JsonObject body, String param, String message) throws Exception {
        HttpResponse<String> refused = admin.post("/key/generate", body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(error(refused).getString("message")).isEqualTo(message);
        assertThat(error(refused).getString("param")).isEqualTo(param);
    }

    private void assertTeamKeyRefused(String key, JsonObject body, String message) throws Exception {
        HttpResponse<String> refused = admin.as(key).post("/key/generate", body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(error(refused).getString("message")).isEqualTo(message);
    }
}
