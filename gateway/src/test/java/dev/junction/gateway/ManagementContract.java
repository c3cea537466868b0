package dev.junction.gateway;

import static dev.junction.gateway.AdminClient.error;
import static dev.junction.gateway.E2eClient.chatBody;
import static dev.junction.gateway.E2eClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * LiteLLM's management surface beyond keys and teams, end to end through one node's HTTP API on one store: users
 * and their keys, roles, team members, organisations, end users, budgets, spend logs, and the model routes' extras.
 * LLM calls go through the OpenAI SDK. Run once on the embedded store and once on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagementContract {
    static final String MASTER = "sk-master-management";
    /** 10 prompt and 5 completion tokens at 0.001 and 0.002: what every priced answer costs. */
    static final double CALL_COST = 0.02;

    GatewayHarness gateway;
    AdminClient admin;

    /** The {@code general_settings} line naming the store, or "" for the embedded default. */
    abstract String databaseSetting() throws Exception;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/management.yaml",
                Map.of("DATABASE", databaseSetting(), "SPEND_LOGS", ""),
                "junction-management-" + UUID.randomUUID(),
                null);
        admin = new AdminClient(gateway, MASTER);
        for (String path : List.of("/gpt-4o", "/cheap", "/eu", "/us")) {
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

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    ChatCompletion chat(String key, String model) {
        return chat(key, model, null);
    }

    ChatCompletion chat(String key, String model, String endUser) {
        OpenAIClient client = gateway.openAi(key);
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello");
        if (endUser != null) {
            params.user(endUser);
        }
        return client.chat().completions().create(params.build());
    }

    // ---- users and their keys ----

    @Test
    void a_user_is_made_with_a_key_that_works_and_info_shows_its_keys_teams_and_spend() throws Exception {
        String team = id("team");
        admin.ok("/team/new", new JsonObject().put("team_id", team));
        String userId = id("user");
        JsonObject made = admin.ok(
                "/user/new",
                new JsonObject()
                        .put("user_id", userId)
                        .put("user_email", userId + "@example.com")
                        .put("user_role", "internal_user")
                        .put("max_budget", 10)
                        .put("teams", new JsonArray().add(team))
                        .put("metadata", new JsonObject().put("app", "tests")));
        String key = made.getString("key");
        assertThat(key).startsWith("sk-");
        assertThat(made.getString("user_id")).isEqualTo(userId);
        assertThat(made.getJsonArray("teams")).containsExactly(team);

        assertThat(chat(key, "cheap").choices().get(0).message().content()).contains("from /cheap");

        JsonObject info = admin.read("/user/info?user_id=" + userId);
        assertThat(info.getString("user_id")).isEqualTo(userId);
        assertThat(info.getJsonObject("user_info").getString("user_email")).isEqualTo(userId + "@example.com");
        assertThat(info.getJsonObject("user_info").getJsonArray("teams")).containsExactly(team);
        assertThat(info.getJsonArray("keys")).hasSize(1);
        assertThat(info.getJsonArray("teams").getJsonObject(0).getString("team_id"))
                .isEqualTo(team);
        awaitUserSpend(userId, CALL_COST);

        JsonObject noKey = admin.ok("/user/new", new JsonObject().put("auto_create_key", false));
        assertThat(noKey.getString("key")).isEmpty();
        assertThat(admin.read("/user/info?user_id=" + noKey.getString("user_id"))
                        .getJsonArray("keys"))
                .isEmpty();
    }

    void awaitUserSpend(String userId, double expected) throws Exception {
        awaitValue(
                () -> admin.read("/user/info?user_id=" + userId)
                        .getJsonObject("user_info")
                        .getDouble("spend"),
                expected);
    }

    @Test
    void a_users_keys_share_its_budget_models_and_limits() throws Exception {
        String userId = id("shared");
        String first = admin.ok(
                        "/user/new",
                        new JsonObject()
                                .put("user_id", userId)
                                .put("max_budget", 0.03)
                                .put("models", new JsonArray().add("cheap")))
                .getString("key");
        String second = admin.ok("/key/generate", new JsonObject().put("user_id", userId))
                .getString("key");

        assertThatThrownBy(() -> chat(second, "gpt-4o"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("user not allowed to access model");
        HttpResponse<String> denied =
                gateway.post("/v1/chat/completions", chatBody("gpt-4o").encode(), "authorization", "Bearer " + second);
        assertThat(error(denied).getString("type")).isEqualTo("user_model_access_denied");
        chat(first, "cheap");
        chat(second, "cheap");
        // 0.04 spent by two keys of a 0.03 budget: the user's budget refuses both keys now.
        assertThatThrownBy(() -> chat(first, "cheap"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Budget has been exceeded! User " + userId);
        assertThatThrownBy(() -> chat(second, "cheap")).isInstanceOf(BadRequestException.class);
        awaitUserSpend(userId, 2 * CALL_COST);

        String limited = id("limited");
        String a = admin.ok(
                        "/user/new", new JsonObject().put("user_id", limited).put("rpm_limit", 2))
                .getString("key");
        String b = admin.ok("/key/generate", new JsonObject().put("user_id", limited))
                .getString("key");
        E2eClient.awaitMinuteWithAtLeast(java.time.Duration.ofSeconds(5));
        chat(a, "cheap");
        chat(b, "cheap");
        assertThatThrownBy(() -> chat(a, "cheap"))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("user " + limited);
    }

    @Test
    void a_users_spend_set_by_an_admin_is_what_its_budget_and_the_store_count_from() throws Exception {
        String userId = id("reset");
        String key = admin.ok(
                        "/user/new", new JsonObject().put("user_id", userId).put("max_budget", 0.03))
                .getString("key");
        chat(key, "cheap");
        chat(key, "cheap");
        assertThatThrownBy(() -> chat(key, "cheap")).isInstanceOf(BadRequestException.class);

        admin.ok("/user/update", new JsonObject().put("user_id", userId).put("spend", 0));
        // The cluster's counter took the new spend before the answer: the next call is admitted at once.
        chat(key, "cheap");
        awaitUserSpend(userId, CALL_COST);
        awaitValue(() -> storedUserSpend(userId), CALL_COST);
        chat(key, "cheap");
        assertThatThrownBy(() -> chat(key, "cheap")).isInstanceOf(BadRequestException.class);
    }

    /** {@code /user/list} answers the spend the store holds (written by the cluster's ledger in batches). */
    double storedUserSpend(String userId) throws Exception {
        return admin.read("/user/list?user_ids=" + userId)
                .getJsonArray("users")
                .getJsonObject(0)
                .getDouble("spend");
    }

    @Test
    void users_are_updated_listed_and_deleted_with_their_keys_and_duplicates_are_409s() throws Exception {
        String userId = id("listed");
        String key = admin.ok(
                        "/user/new",
                        new JsonObject()
                                .put("user_id", userId)
                                .put("user_email", userId + "@Example.com")
                                .put("user_role", "proxy_admin_viewer"))
                .getString("key");

        HttpResponse<String> sameId = admin.post("/user/new", new JsonObject().put("user_id", userId));
        assertThat(sameId.statusCode()).isEqualTo(409);
        assertThat(error(sameId).getString("message")).contains("already exists");
        HttpResponse<String> sameEmail =
                admin.post("/user/new", new JsonObject().put("user_email", userId.toUpperCase() + "@example.COM"));
        assertThat(sameEmail.statusCode()).isEqualTo(409);
        assertThat(error(sameEmail).getString("param")).isEqualTo("user_email");

        JsonObject updated = admin.ok(
                "/user/update",
                new JsonObject().put("user_id", userId).put("user_alias", "Ada").put("tpm_limit", 99));
        assertThat(updated.getString("user_id")).isEqualTo(userId);
        assertThat(updated.getJsonObject("data").getString("user_alias")).isEqualTo("Ada");
        assertThat(updated.getJsonObject("data").getLong("tpm_limit")).isEqualTo(99);

        JsonObject page = admin.read("/user/list?role=proxy_admin_viewer&user_ids=" + userId + "&page_size=5");
        assertThat(page.getInteger("total")).isEqualTo(1);
        assertThat(page.getJsonArray("users").getJsonObject(0).getInteger("key_count"))
                .isEqualTo(1);
        assertThat(admin.read("/user/list?user_email=" + userId.substring(0, 12))
                        .getInteger("total"))
                .isGreaterThanOrEqualTo(1);

        HttpResponse<String> missing = admin.post(
                "/user/delete",
                new JsonObject().put("user_ids", new JsonArray().add(userId).add("nobody")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(chat(key, "cheap").choices()).hasSize(1);
        HttpResponse<String> deleted =
                admin.post("/user/delete", new JsonObject().put("user_ids", new JsonArray().add(userId)));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("1");
        assertThatThrownBy(() -> chat(key, "cheap")).isInstanceOf(UnauthorizedException.class);
        assertThat(admin.get("/user/info?user_id=" + userId).statusCode()).isEqualTo(404);
    }

    @Test
    void user_input_is_held_to_what_the_store_keeps_with_400s_naming_the_field() throws Exception {
        String[][] refusals = {
            {"{\"user_role\": \"superuser\"}", "user_role"},
            {"{\"rpm_limit\": \"many\"}", "rpm_limit"},
            {"{\"user_id\": \"" + "u".repeat(256) + "\"}", "user_id"},
            {"{\"teams\": [42]}", "teams[0]"},
            {"{\"teams\": [\"no-such-team\"]}", "teams"},
            {"{\"user_email\": \"a\\nb\"}", "user_email"},
            {"{\"max_budget\": -3}", "max_budget"},
            {"{\"colour\": \"red\"}", "colour"},
        };
        int before = admin.read("/user/list?page_size=1").getInteger("total");
        for (String[] refusal : refusals) {
            HttpResponse<String> response = gateway.post(
                    "/user/new", refusal[0], "authorization", "Bearer " + MASTER, "content-type", "application/json");
            assertThat(response.statusCode()).as(refusal[0]).isEqualTo(400);
            assertThat(error(response).getString("param")).as(refusal[0]).isEqualTo(refusal[1]);
        }
        assertThat(admin.read("/user/list?page_size=1").getInteger("total")).isEqualTo(before);
    }

    @Test
    void a_query_or_path_parameter_with_a_control_character_is_a_400_naming_it() throws Exception {
        // PostgreSQL fails on a NUL in a query: it was answered as a store outage (503) and logged as an error.
        String[][] refusals = {
            {"/user/list?user_email=%00", "user_email"},
            {"/user/list?role=%00", "role"},
            {"/spend/logs?user_id=%00", "user_id"},
            {"/spend/logs?request_id=a%0Ab", "request_id"},
            {"/key/info?key=%00", "key"},
            {"/team/info?team_id=%00", "team_id"},
        };
        for (String[] refusal : refusals) {
            HttpResponse<String> response = admin.get(refusal[0]);
            assertThat(response.statusCode()).as(refusal[0]).isEqualTo(400);
            assertThat(error(response).getString("param")).as(refusal[0]).isEqualTo(refusal[1]);
        }
        HttpResponse<String> path = admin.post("/key/%00/regenerate", new JsonObject());
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(error(path).getString("param")).isEqualTo("key");
    }

    // ---- roles ----

    @Test
    void a_proxy_admins_key_calls_the_admin_routes_and_a_viewers_key_only_reads() throws Exception {
        AdminClient proxyAdmin = admin.as(admin.ok("/user/new", new JsonObject().put("user_role", "proxy_admin"))
                .getString("key"));
        String made = proxyAdmin.ok("/user/new", new JsonObject()).getString("user_id");
        assertThat(proxyAdmin.read("/user/info?user_id=" + made).getString("user_id"))
                .isEqualTo(made);
        assertThat(proxyAdmin.ok("/team/new", new JsonObject()).getString("team_id"))
                .isNotNull();

        AdminClient viewer = admin.as(admin.ok("/user/new", new JsonObject().put("user_role", "proxy_admin_viewer"))
                .getString("key"));
        assertThat(viewer.read("/user/list").getInteger("total")).isPositive();
        assertThat(viewer.read("/user/info?user_id=" + made).getString("user_id"))
                .isEqualTo(made);
        HttpResponse<String> refused = viewer.post("/user/new", new JsonObject());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).getString("message"))
                .contains("Only proxy admin can be used")
                .contains("Your role=proxy_admin_viewer");
        assertThat(viewer.status("/key/generate", new JsonObject())).isEqualTo(403);
    }

    @Test
    void an_internal_user_manages_only_its_own_keys() throws Exception {
        String userId = id("internal");
        AdminClient user = admin.as(
                admin.ok("/user/new", new JsonObject().put("user_id", userId)).getString("key"));
        String otherKey = admin.ok("/user/new", new JsonObject()).getString("key");

        JsonObject own = user.ok("/key/generate", new JsonObject().put("key_alias", id("mine")));
        assertThat(own.getString("user_id")).isEqualTo(userId);
        assertThat(chat(own.getString("key"), "cheap").choices()).hasSize(1);
        assertThat(user.read("/key/info?key=" + own.getString("key"))
                        .getJsonObject("info")
                        .getString("user_id"))
                .isEqualTo(userId);
        assertThat(user.ok(
                                "/key/update",
                                new JsonObject()
                                        .put("key", own.getString("key"))
                                        .put("rpm_limit", 5))
                        .getLong("rpm_limit"))
                .isEqualTo(5);
        assertThat(user.read("/key/list").getInteger("total_count")).isEqualTo(2);

        assertThat(user.get("/key/info?key=" + otherKey).statusCode()).isEqualTo(403);
        assertThat(user.get("/key/info?key=sk-never-made-" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        assertThat(user.status(
                        "/key/update", new JsonObject().put("key", otherKey).put("rpm_limit", 1)))
                .isEqualTo(403);
        assertThat(user.status("/key/delete", new JsonObject().put("keys", new JsonArray().add(otherKey))))
                .isEqualTo(403);
        assertThat(user.status("/key/generate", new JsonObject().put("user_id", "someone-else")))
                .isEqualTo(403);
        assertThat(user.status(
                        "/key/update",
                        new JsonObject().put("key", own.getString("key")).put("spend", 0)))
                .as("its user's budget bounds its keys only if it cannot reset their spend")
                .isEqualTo(403);
        assertThat(user.get("/user/info?user_id=someone-else").statusCode()).isEqualTo(403);
        assertThat(user.read("/user/info").getString("user_id")).isEqualTo(userId);
        assertThat(user.get("/user/list").statusCode()).isEqualTo(403);
        assertThat(user.status("/team/new", new JsonObject())).isEqualTo(403);
        assertThat(chat(otherKey, "cheap").choices()).hasSize(1);

        assertThat(user.ok("/key/delete", new JsonObject().put("keys", new JsonArray().add(own.getString("key"))))
                        .getJsonArray("deleted_keys"))
                .hasSize(1);
        assertThatThrownBy(() -> chat(own.getString("key"), "cheap")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void key_list_takes_litellms_filters_and_a_page_past_the_end_is_empty() throws Exception {
        String userId = id("listed");
        String team = id("listed-team");
        String org = id("listed-org");
        admin.ok(
                "/organization/new",
                new JsonObject().put("organization_id", org).put("organization_alias", org));
        admin.ok("/team/new", new JsonObject().put("team_id", team).put("organization_id", org));
        JsonObject userKey = admin.ok("/user/new", new JsonObject().put("user_id", userId));
        String alias = id("listed-alias");
        JsonObject teamKey = admin.ok(
                "/key/generate",
                new JsonObject().put("user_id", userId).put("team_id", team).put("key_alias", alias));
        admin.ok("/key/generate", new JsonObject());

        assertThat(admin.read("/key/list?user_id=" + userId).getJsonArray("keys"))
                .containsExactlyInAnyOrder(userKey.getString("token_id"), teamKey.getString("token"));
        assertThat(admin.read("/key/list?user_id=" + userId + "&team_id=" + team)
                        .getJsonArray("keys"))
                .containsExactly(teamKey.getString("token"));
        assertThat(admin.read("/key/list?key_alias=" + alias).getJsonArray("keys"))
                .containsExactly(teamKey.getString("token"));
        assertThat(admin.read("/key/list?key_hash=" + userKey.getString("token_id"))
                        .getJsonArray("keys"))
                .containsExactly(userKey.getString("token_id"));
        JsonObject ofOrg = admin.read("/key/list?organization_id=" + org);
        assertThat(ofOrg.getJsonArray("keys")).containsExactly(teamKey.getString("token"));
        assertThat(ofOrg.getInteger("total_count")).isEqualTo(1);
        assertThat(admin.read("/key/list?user_id=" + userId + "&size=1&page=2").getJsonArray("keys"))
                .hasSize(1);

        AdminClient user = admin.as(userKey.getString("key"));
        assertThat(user.read("/key/list?user_id=" + userId).getInteger("total_count"))
                .isEqualTo(2);
        assertThat(user.get("/key/list?user_id=someone-else").statusCode()).isEqualTo(403);

        // A page this far out, computed in int arithmetic, wrapped round to a negative offset and answered rows.
        String farPage = "page=" + Integer.MAX_VALUE;
        assertThat(admin.read("/key/list?" + farPage).getJsonArray("keys")).isEmpty();
        assertThat(admin.read("/key/list?team_id=" + team + "&" + farPage).getJsonArray("keys"))
                .isEmpty();
        assertThat(admin.list("/team/list?" + farPage)).isEmpty();
        assertThat(admin.read("/user/list?" + farPage).getJsonArray("users")).isEmpty();
    }

    @Test
    void team_list_takes_litellms_user_id_and_organization_id_filters() throws Exception {
        String userId = id("team-lister");
        String org = id("listed-teams-org");
        admin.ok(
                "/organization/new",
                new JsonObject().put("organization_id", org).put("organization_alias", org));
        String inOrg = id("org-team");
        String member = id("member-team");
        admin.ok("/team/new", new JsonObject().put("team_id", inOrg).put("organization_id", org));
        admin.ok(
                "/team/new",
                new JsonObject()
                        .put("team_id", member)
                        .put(
                                "members_with_roles",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("user_id", userId))));
        admin.ok("/team/new", new JsonObject().put("team_id", id("other-team")));

        assertThat(teamIds(admin.list("/team/list?user_id=" + userId))).containsExactly(member);
        assertThat(teamIds(admin.list("/team/list?organization_id=" + org))).containsExactly(inOrg);
        assertThat(teamIds(admin.list("/team/list?organization_id=default_organization&size=1000")))
                .contains(member)
                .doesNotContain(inOrg);
        assertThat(teamIds(admin.list("/team/list?user_id=" + userId + "&organization_id=" + org)))
                .isEmpty();

        AdminClient user = admin.as(admin.ok("/key/generate", new JsonObject().put("user_id", userId))
                .getString("key"));
        assertThat(teamIds(user.list("/team/list?user_id=" + userId))).containsExactly(member);
        assertThat(user.get("/team/list?user_id=someone-else").statusCode()).isEqualTo(403);
    }

    private static List<String> teamIds(JsonArray teams) {
        return teams.stream()
                .map(JsonObject.class::cast)
                .map(team -> team.getString("team_id"))
                .toList();
    }

    @Test
    void a_key_reads_its_own_info_and_a_team_key_its_teams_info_but_no_other() throws Exception {
        String team = id("own-team");
        admin.ok("/team/new", new JsonObject().put("team_id", team));
        String other = id("other-team");
        admin.ok("/team/new", new JsonObject().put("team_id", other));
        String key =
                admin.ok("/key/generate", new JsonObject().put("team_id", team)).getString("key");
        AdminClient teamKey = admin.as(key);

        assertThat(teamKey.read("/key/info").getJsonObject("info").getString("team_id"))
                .isEqualTo(team);
        assertThat(teamKey.read("/team/info?team_id=" + team).getString("team_id"))
                .isEqualTo(team);
        HttpResponse<String> notMine = teamKey.get("/team/info?team_id=" + other);
        assertThat(notMine.statusCode()).isEqualTo(403);
        assertThat(error(notMine).getString("type")).isEqualTo("permission_error");
        assertThat(teamKey.get("/team/info?team_id=no-such-" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
        assertThat(teamKey.list("/team/list")).hasSize(1);
        assertThat(teamKey.status("/key/generate", new JsonObject())).isEqualTo(403);
    }

    // ---- team members ----

    @Test
    void members_with_roles_are_made_added_updated_and_removed_as_in_litellm() throws Exception {
        String team = id("members");
        String lead = id("lead");
        JsonObject made = admin.ok(
                "/team/new",
                new JsonObject()
                        .put("team_id", team)
                        .put(
                                "members_with_roles",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "admin")
                                                .put("user_id", lead))));
        assertThat(made.getJsonArray("members_with_roles").getJsonObject(0).getString("role"))
                .isEqualTo("admin");
        assertThat(admin.get("/user/info?user_id=" + lead).statusCode())
                .as("member made a user")
                .isEqualTo(200);

        String email = id("mail") + "@example.com";
        JsonObject added = admin.ok(
                "/team/member_add",
                new JsonObject()
                        .put("team_id", team)
                        .put(
                                "member",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("user_email", email))
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("user_id", id("second")))));
        assertThat(added.getJsonArray("members_with_roles")).hasSize(3);
        assertThat(added.getJsonArray("updated_users")).hasSize(2);
        assertThat(added.getJsonArray("updated_team_memberships")).hasSize(2);

        HttpResponse<String> again = admin.post(
                "/team/member_add",
                new JsonObject()
                        .put("team_id", team)
                        .put("member", new JsonObject().put("role", "user").put("user_id", lead)));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again).getString("type")).isEqualTo("team_member_already_in_team");
        assertThat(error(again).getString("param")).isEqualTo("user_id");
        assertThat(error(again).getString("message")).contains("already in team");

        JsonObject changed = admin.ok(
                "/team/member_update",
                new JsonObject()
                        .put("team_id", team)
                        .put("user_email", email)
                        .put("role", "admin")
                        .put("max_budget_in_team", 7));
        assertThat(changed.getDouble("max_budget_in_team")).isEqualTo(7.0);
        JsonObject info = admin.read("/team/info?team_id=" + team);
        assertThat(info.getJsonArray("team_memberships")).hasSize(3);
        assertThat(info.getJsonObject("team_info").getJsonArray("members_with_roles").stream()
                        .map(JsonObject.class::cast)
                        .filter(member -> email.equals(member.getString("user_email")))
                        .map(member -> member.getString("role")))
                .containsExactly("admin");

        HttpResponse<String> stranger = admin.post(
                "/team/member_delete", new JsonObject().put("team_id", team).put("user_id", "not-a-member"));
        assertThat(stranger.statusCode()).isEqualTo(400);
        JsonObject removed = admin.ok(
                "/team/member_delete", new JsonObject().put("team_id", team).put("user_id", lead));
        assertThat(removed.getJsonArray("members_with_roles")).hasSize(2);

        JsonObject updated =
                admin.ok("/team/update", new JsonObject().put("team_id", team).put("team_alias", "Crew"));
        assertThat(updated.getJsonObject("data").getString("team_alias")).isEqualTo("Crew");
        assertThat(updated.getJsonObject("data").getJsonArray("members_with_roles"))
                .hasSize(2);

        admin.ok("/team/delete", new JsonObject().put("team_ids", new JsonArray().add(team)));
        String memberId = added.getJsonArray("updated_users").getJsonObject(1).getString("user_id");
        assertThat(admin.read("/user/info?user_id=" + memberId)
                        .getJsonObject("user_info")
                        .getJsonArray("teams"))
                .as("deleting the team dropped its memberships")
                .isEmpty();
    }

    @Test
    void a_team_admin_manages_its_team_members_and_a_member_budget_holds() throws Exception {
        String team = id("budgeted");
        String leadId = id("lead");
        String memberId = id("member");
        admin.ok(
                "/team/new",
                new JsonObject()
                        .put("team_id", team)
                        .put(
                                "members_with_roles",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "admin")
                                                .put("user_id", leadId))));
        AdminClient lead = admin.as(admin.ok("/key/generate", new JsonObject().put("user_id", leadId))
                .getString("key"));
        lead.ok(
                "/team/member_add",
                new JsonObject()
                        .put("team_id", team)
                        .put("member", new JsonObject().put("role", "user").put("user_id", memberId))
                        .put("max_budget_in_team", 0.03));
        AdminClient member = admin.as(admin.ok("/key/generate", new JsonObject().put("user_id", memberId))
                .getString("key"));
        assertThat(member.status(
                        "/team/member_add",
                        new JsonObject()
                                .put("team_id", team)
                                .put(
                                        "member",
                                        new JsonObject().put("role", "user").put("user_id", "x"))))
                .isEqualTo(403);

        String key = admin.ok(
                        "/key/generate",
                        new JsonObject().put("user_id", memberId).put("team_id", team))
                .getString("key");
        chat(key, "cheap");
        chat(key, "cheap");
        assertThatThrownBy(() -> chat(key, "cheap"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("member " + memberId + " of team " + team);
        awaitValue(
                () -> admin.read("/team/info?team_id=" + team).getJsonArray("team_memberships").stream()
                        .map(JsonObject.class::cast)
                        .filter(row -> memberId.equals(row.getString("user_id")))
                        .findFirst()
                        .orElseThrow()
                        .getDouble("spend"),
                2 * CALL_COST);
    }

    interface Reading {
        double read() throws Exception;
    }

    /** Spend reaches the store in batches: polls until {@code reading} gives {@code expected}, for up to 10 s. */
    static void awaitValue(Reading reading, double expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        double seen = reading.read();
        while (Math.abs(seen - expected) > 1e-9 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = reading.read();
        }
        assertThat(seen).isCloseTo(expected, offset(1e-9));
    }

    // ---- organisations ----

    @Test
    void an_organisation_bounds_its_teams_models_and_budget() throws Exception {
        String org = id("org");
        JsonObject made = admin.ok(
                "/organization/new",
                new JsonObject()
                        .put("organization_id", org)
                        .put("organization_alias", "Acme")
                        .put("models", new JsonArray().add("cheap").add("gpt-4o"))
                        .put("max_budget", 0.03));
        assertThat(made.getString("budget_id")).isNotNull();

        HttpResponse<String> outside = admin.post(
                "/team/new",
                new JsonObject().put("organization_id", org).put("models", new JsonArray().add("regional")));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(error(outside).getString("param")).isEqualTo("models");
        HttpResponse<String> richer = admin.post(
                "/team/new", new JsonObject().put("organization_id", org).put("max_budget", 5));
        assertThat(error(richer).getString("param")).isEqualTo("max_budget");
        assertThat(error(admin.post("/team/new", new JsonObject().put("organization_id", "no-such-org")))
                        .getString("param"))
                .isEqualTo("organization_id");

        String team = admin.ok("/team/new", new JsonObject().put("organization_id", org))
                .getString("team_id");
        String key =
                admin.ok("/key/generate", new JsonObject().put("team_id", team)).getString("key");
        assertThatThrownBy(() -> chat(key, "regional"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("org not allowed to access model");
        chat(key, "cheap");
        chat(key, "gpt-4o");
        assertThatThrownBy(() -> chat(key, "cheap"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Organization " + org);

        JsonObject info = admin.read("/organization/info?organization_id=" + org);
        assertThat(info.getJsonArray("teams").getJsonObject(0).getString("team_id"))
                .isEqualTo(team);
        assertThat(info.getJsonObject("litellm_budget_table").getDouble("max_budget"))
                .isEqualTo(0.03);
        awaitValue(() -> admin.read("/organization/info?organization_id=" + org).getDouble("spend"), 2 * CALL_COST);
        assertThat(admin.list("/organization/list").stream()
                        .map(JsonObject.class::cast)
                        .map(row -> row.getString("organization_id")))
                .contains(org);
    }

    @Test
    void organisation_members_are_added_updated_and_removed_and_deletion_cascades() throws Exception {
        String org = admin.ok("/organization/new", new JsonObject().put("organization_alias", "Beta"))
                .getString("organization_id");
        String userId = id("org-user");
        JsonObject added = admin.ok(
                "/organization/member_add",
                new JsonObject()
                        .put("organization_id", org)
                        .put(
                                "member",
                                new JsonObject().put("role", "internal_user").put("user_id", userId))
                        .put("max_budget_in_organization", 4));
        assertThat(added.getJsonArray("updated_users").getJsonObject(0).getString("user_id"))
                .isEqualTo(userId);
        assertThat(added.getJsonArray("updated_organization_memberships")
                        .getJsonObject(0)
                        .getString("budget_id"))
                .isNotNull();
        HttpResponse<String> badRole = admin.post(
                "/organization/member_add",
                new JsonObject()
                        .put("organization_id", org)
                        .put("member", new JsonObject().put("role", "boss").put("user_id", userId)));
        assertThat(error(badRole).getString("param")).isEqualTo("member");
        assertThat(error(badRole).getString("message")).contains("member.role must be one of");

        JsonObject updated = new JsonObject(gateway.request(
                        "PATCH",
                        "/organization/member_update",
                        new JsonObject()
                                .put("organization_id", org)
                                .put("user_id", userId)
                                .put("role", "org_admin")
                                .put("max_budget_in_organization", 6)
                                .encode(),
                        "authorization",
                        "Bearer " + MASTER)
                .body());
        assertThat(updated.getString("user_role")).isEqualTo("org_admin");
        assertThat(updated.getJsonObject("litellm_budget_table").getDouble("max_budget"))
                .isEqualTo(6.0);

        HttpResponse<String> renamed = gateway.request(
                "PATCH",
                "/organization/update",
                new JsonObject()
                        .put("organization_id", org)
                        .put("organization_alias", "Gamma")
                        .encode(),
                "authorization",
                "Bearer " + MASTER);
        assertThat(new JsonObject(renamed.body()).getString("organization_alias"))
                .isEqualTo("Gamma");
        assertThat(new JsonObject(renamed.body()).getJsonArray("members")).hasSize(1);

        String team = admin.ok("/team/new", new JsonObject().put("organization_id", org))
                .getString("team_id");
        String key =
                admin.ok("/key/generate", new JsonObject().put("team_id", team)).getString("key");
        JsonObject removed = admin.ok(
                "/organization/member_delete",
                new JsonObject().put("organization_id", org).put("user_id", userId));
        assertThat(removed.getString("user_id")).isEqualTo(userId);

        HttpResponse<String> deleted = gateway.request(
                "DELETE",
                "/organization/delete",
                new JsonObject()
                        .put("organization_ids", new JsonArray().add(org))
                        .encode(),
                "authorization",
                "Bearer " + MASTER);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(new JsonArray(deleted.body()).getJsonObject(0).getJsonArray("teams"))
                .hasSize(1);
        assertThat(admin.get("/team/info?team_id=" + team).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> chat(key, "cheap")).isInstanceOf(UnauthorizedException.class);
        assertThat(admin.get("/organization/info?organization_id=" + org).statusCode())
                .isEqualTo(404);
    }

    // ---- end users and budgets ----

    @Test
    void budgets_are_made_read_changed_and_deleted_once_unused() throws Exception {
        String budgetId = id("budget");
        JsonObject made = admin.ok(
                "/budget/new",
                new JsonObject()
                        .put("budget_id", budgetId)
                        .put("max_budget", 9)
                        .put("rpm_limit", 100)
                        .put("budget_duration", "30d"));
        assertThat(made.getString("budget_reset_at")).isNotNull();
        assertThat(admin.post("/budget/new", new JsonObject().put("budget_id", budgetId))
                        .statusCode())
                .isEqualTo(400);
        assertThat(admin.ok(
                                "/budget/update",
                                new JsonObject().put("budget_id", budgetId).put("max_budget", 11))
                        .getDouble("max_budget"))
                .isEqualTo(11.0);
        assertThat(error(admin.post("/budget/update", new JsonObject().put("max_budget", 1)))
                        .getString("param"))
                .isEqualTo("budget_id");
        assertThat(admin.status("/budget/update", new JsonObject().put("budget_id", "nope-" + UUID.randomUUID())))
                .isEqualTo(404);
        HttpResponse<String> info =
                admin.post("/budget/info", new JsonObject().put("budgets", new JsonArray().add(budgetId)));
        assertThat(new JsonArray(info.body()).getJsonObject(0).getLong("rpm_limit"))
                .isEqualTo(100);
        assertThat(admin.list("/budget/list").stream()
                        .map(JsonObject.class::cast)
                        .map(budget -> budget.getString("budget_id")))
                .contains(budgetId);

        String endUser = id("customer");
        admin.ok("/end_user/new", new JsonObject().put("user_id", endUser).put("budget_id", budgetId));
        HttpResponse<String> inUse = admin.post("/budget/delete", new JsonObject().put("id", budgetId));
        assertThat(inUse.statusCode()).isEqualTo(400);
        admin.ok("/end_user/delete", new JsonObject().put("user_ids", new JsonArray().add(endUser)));
        assertThat(admin.ok("/budget/delete", new JsonObject().put("id", budgetId))
                        .getString("budget_id"))
                .isEqualTo(budgetId);
        HttpResponse<String> gone = admin.post("/budget/delete", new JsonObject().put("id", budgetId));
        assertThat(gone.statusCode()).isEqualTo(404);
        // The route's field is "id" (LiteLLM's); the 404 used to name "budget_id", a field it does not take.
        assertThat(error(gone).getString("param")).isEqualTo("id");
    }

    @Test
    void an_end_users_budget_limits_and_block_hold_on_every_request_naming_it() throws Exception {
        String budgetId = id("tier");
        admin.ok("/budget/new", new JsonObject().put("budget_id", budgetId).put("rpm_limit", 2));
        String limited = id("limited-customer");
        JsonObject made = admin.ok(
                "/end_user/new", new JsonObject().put("user_id", limited).put("budget_id", budgetId));
        assertThat(made.getJsonObject("litellm_budget_table").getLong("rpm_limit"))
                .isEqualTo(2);
        HttpResponse<String> both = admin.post(
                "/end_user/new",
                new JsonObject()
                        .put("user_id", id("both"))
                        .put("budget_id", budgetId)
                        .put("max_budget", 1));
        assertThat(error(both).getString("param")).isEqualTo("max_budget");
        assertThat(admin.post("/end_user/new", new JsonObject().put("user_id", limited))
                        .statusCode())
                .isEqualTo(400);

        E2eClient.awaitMinuteWithAtLeast(java.time.Duration.ofSeconds(5));
        chat(MASTER, "cheap", limited);
        chat(MASTER, "cheap", limited);
        assertThatThrownBy(() -> chat(MASTER, "cheap", limited))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("end user " + limited);
        assertThat(chat(MASTER, "cheap", id("unknown-customer")).choices()).hasSize(1);

        String spender = id("spending-customer");
        admin.ok("/customer/new", new JsonObject().put("user_id", spender).put("max_budget", 0.03));
        String key = admin.ok("/key/generate", new JsonObject()).getString("key");
        chat(key, "cheap", spender);
        chat(key, "cheap", spender);
        assertThatThrownBy(() -> chat(key, "cheap", spender))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("End user " + spender);
        awaitValue(() -> admin.read("/end_user/info?end_user_id=" + spender).getDouble("spend"), 2 * CALL_COST);

        admin.ok("/end_user/block", new JsonObject().put("user_ids", new JsonArray().add(spender)));
        assertThatThrownBy(() -> chat(MASTER, "cheap", spender))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("User blocked");
        // Anthropic's Messages API names its end user in metadata.user_id: held the same, answered in its shape.
        HttpResponse<String> messages = gateway.post(
                "/v1/messages",
                new JsonObject()
                        .put("model", "cheap")
                        .put("max_tokens", 16)
                        .put("metadata", new JsonObject().put("user_id", spender))
                        .put(
                                "messages",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("role", "user")
                                                .put("content", "Hi")))
                        .encode(),
                "authorization",
                "Bearer " + MASTER,
                "content-type",
                "application/json");
        assertThat(messages.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(messages.body()).getString("type")).isEqualTo("error");
        assertThat(new JsonObject(messages.body()).getJsonObject("error").getString("message"))
                .contains("User blocked");
        admin.ok("/end_user/unblock", new JsonObject().put("user_ids", new JsonArray().add(spender)));
        admin.ok("/end_user/update", new JsonObject().put("user_id", spender).put("max_budget", 5));
        assertThat(chat(MASTER, "cheap", spender).choices()).hasSize(1);
    }

    @Test
    void an_end_users_region_sends_its_calls_to_that_region_and_answers_say_so() throws Exception {
        String european = id("eu-customer");
        admin.ok("/end_user/new", new JsonObject().put("user_id", european).put("allowed_model_region", "eu"));
        for (int i = 0; i < 6; i++) {
            var answer = gateway.openAi(MASTER)
                    .chat()
                    .completions()
                    .withRawResponse()
                    .create(ChatCompletionCreateParams.builder()
                            .model("regional")
                            .addUserMessage("Hello")
                            .user(european)
                            .build());
            assertThat(answer.parse().choices().get(0).message().content()).contains("from /eu");
            assertThat(answer.headers().values("x-litellm-model-region")).containsExactly("eu");
        }
        HttpResponse<String> badRegion = admin.post(
                "/end_user/new", new JsonObject().put("user_id", id("mars")).put("allowed_model_region", "mars"));
        assertThat(error(badRegion).getString("param")).isEqualTo("allowed_model_region");
        HttpResponse<String> badModel = admin.post(
                "/end_user/new", new JsonObject().put("user_id", id("picky")).put("default_model", "no-such-model"));
        assertThat(badModel.statusCode()).isEqualTo(422);

        JsonObject info = admin.read("/end_user/info?end_user_id=" + european);
        assertThat(info.getString("allowed_model_region")).isEqualTo("eu");
        assertThat(admin.list("/end_user/list").stream()
                        .map(JsonObject.class::cast)
                        .map(row -> row.getString("user_id")))
                .contains(european);
        assertThat(admin.get("/end_user/info?end_user_id=nobody-" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> missing = admin.post(
                "/end_user/delete",
                new JsonObject().put("user_ids", new JsonArray().add(european).add("ghost")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing).getString("message")).contains("ghost");
        assertThat(admin.ok("/end_user/delete", new JsonObject().put("user_ids", new JsonArray().add(european)))
                        .getInteger("deleted_customers"))
                .isEqualTo(1);
    }

    // ---- spend logs ----

    @Test
    void every_call_gets_a_spend_log_row_within_seconds_and_the_reports_add_them_up() throws Exception {
        String team = id("spending-team");
        admin.ok("/team/new", new JsonObject().put("team_id", team).put("team_alias", "Spenders"));
        String userId = id("spender");
        admin.ok("/user/new", new JsonObject().put("user_id", userId).put("auto_create_key", false));
        String key = admin.ok(
                        "/key/generate", new JsonObject().put("user_id", userId).put("team_id", team))
                .getString("key");
        var answer = gateway.openAi(key)
                .chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o")
                        .addUserMessage("Hello")
                        .user("log-customer")
                        .build());
        String callId = answer.headers().values("x-litellm-call-id").get(0);
        chat(key, "cheap");

        JsonArray rows = admin.awaitList("/spend/logs?request_id=" + callId, list -> !list.isEmpty());
        assertThat(rows).hasSize(1);
        JsonObject row = rows.getJsonObject(0);
        assertThat(row.getString("call_type")).isEqualTo("acompletion");
        assertThat(row.getString("api_key")).isEqualTo(dev.junction.gateway.keys.KeyHashes.token(key));
        assertThat(row.getString("user")).isEqualTo(userId);
        assertThat(row.getString("team_id")).isEqualTo(team);
        assertThat(row.getString("end_user")).isEqualTo("log-customer");
        assertThat(row.getString("model_group")).isEqualTo("gpt-4o");
        assertThat(row.getString("model")).isEqualTo("openai/gpt-4o");
        assertThat(row.getString("model_id")).isNotBlank();
        assertThat(row.getString("api_base")).startsWith("http://127.0.0.1:").doesNotContain("sk-up");
        assertThat(row.getLong("prompt_tokens")).isEqualTo(10);
        assertThat(row.getLong("completion_tokens")).isEqualTo(5);
        assertThat(row.getLong("total_tokens")).isEqualTo(15);
        assertThat(row.getDouble("spend")).isCloseTo(CALL_COST, offset(1e-12));
        assertThat(row.getString("status")).isEqualTo("success");
        assertThat(row.getString("cache_hit")).isEqualTo("False");
        assertThat(row.getString("startTime")).isLessThanOrEqualTo(row.getString("endTime"));

        JsonArray mine = admin.awaitList("/spend/logs?user_id=" + userId, list -> list.size() == 2);
        assertThat(mine).hasSize(2);
        assertThat(admin.list("/spend/logs?api_key=" + key)).hasSize(2);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonArray daily = admin.list("/spend/logs?user_id=" + userId + "&start_date=" + today + "&end_date=" + today);
        assertThat(daily.getJsonObject(0).getDouble("spend")).isCloseTo(2 * CALL_COST, offset(1e-9));
        assertThat(daily.getJsonObject(0).getJsonObject("models").fieldNames())
                .containsExactlyInAnyOrder("openai/gpt-4o", "openai/gpt-4o-mini");

        assertThat(admin.read("/global/spend").getDouble("spend")).isGreaterThanOrEqualTo(2 * CALL_COST);
        JsonArray byTeam = admin.list("/global/spend/report?group_by=team&start_date=" + today + "&end_date=" + today);
        JsonObject spenders = byTeam.getJsonObject(0).getJsonArray("teams").stream()
                .map(JsonObject.class::cast)
                .filter(entry -> "Spenders".equals(entry.getString("team_name")))
                .findFirst()
                .orElseThrow();
        assertThat(spenders.getDouble("total_spend")).isCloseTo(2 * CALL_COST, offset(1e-9));
        JsonArray byKey =
                admin.list("/global/spend/report?group_by=api_key&start_date=" + today + "&end_date=" + today);
        assertThat(byKey.stream().map(JsonObject.class::cast).map(entry -> entry.getString("api_key")))
                .contains(dev.junction.gateway.keys.KeyHashes.token(key));
        assertThat(admin.list("/global/spend/report?group_by=model&start_date=" + today + "&end_date=" + today))
                .isNotEmpty();
        assertThat(admin.get("/global/spend/report?group_by=team").statusCode()).isEqualTo(400);
        assertThat(admin.list("/global/spend/keys?limit=1000").stream()
                        .map(JsonObject.class::cast)
                        .map(entry -> entry.getString("api_key")))
                .contains(dev.junction.gateway.keys.KeyHashes.token(key));
        assertThat(admin.list("/global/spend/models").stream()
                        .map(JsonObject.class::cast)
                        .map(entry -> entry.getString("model")))
                .contains("openai/gpt-4o");

        AdminClient own = admin.as(key);
        assertThat(own.list("/spend/logs")).hasSize(2);
        assertThat(own.get("/spend/logs?user_id=someone-else").statusCode()).isEqualTo(403);
        assertThat(own.get("/global/spend").statusCode()).isEqualTo(403);
    }

    @Test
    void a_refused_call_is_logged_as_a_failure() throws Exception {
        String key =
                admin.ok("/key/generate", new JsonObject().put("max_budget", 0)).getString("key");
        HttpResponse<String> refused =
                gateway.post("/v1/chat/completions", chatBody("cheap").encode(), "authorization", "Bearer " + key);
        assertThat(refused.statusCode()).isEqualTo(400);
        String callId = header(refused, "x-litellm-call-id");
        JsonArray rows = admin.awaitList("/spend/logs?request_id=" + callId, list -> !list.isEmpty());
        assertThat(rows.getJsonObject(0).getString("status")).isEqualTo("failure");
        assertThat(rows.getJsonObject(0).getDouble("spend")).isZero();
    }

    // ---- models, headers and the rest ----

    @Test
    void the_model_routes_know_access_groups_wildcards_and_batches() throws Exception {
        JsonObject generated = admin.ok("/key/generate", new JsonObject());
        assertThat(generated.getString("token_id")).isEqualTo(generated.getString("token"));

        JsonArray groups =
                admin.read("/v1/models?only_model_access_groups=True").getJsonArray("data");
        assertThat(groups.stream().map(JsonObject.class::cast).map(model -> model.getString("id")))
                .containsExactly("beta-models");

        JsonArray anthropic = admin.read("/model_group/info").getJsonArray("data");
        assertThat(anthropic.stream()
                        .map(JsonObject.class::cast)
                        .map(group -> group.getString("model_group"))
                        .filter(name -> name.startsWith("anthropic/claude")))
                .hasSizeGreaterThan(3);
        JsonObject one = admin.read("/model_group/info?model_group=anthropic/claude-3-opus-20240229")
                .getJsonArray("data")
                .getJsonObject(0);
        assertThat(one.getJsonArray("providers")).containsExactly("anthropic");
        assertThat(one.getLong("max_input_tokens")).isPositive();
        // A group whose model_info says nothing: the shipped table's context window, as LiteLLM's model map gives.
        JsonObject cheap = admin.read("/model_group/info?model_group=cheap")
                .getJsonArray("data")
                .getJsonObject(0);
        assertThat(cheap.getLong("max_input_tokens")).isEqualTo(128_000L);
        assertThat(cheap.getString("mode")).isEqualTo("chat");

        HttpResponse<String> batch = gateway.post(
                "/v1/chat/completions", chatBody("gpt-4o, cheap").encode(), "authorization", "Bearer " + MASTER);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        JsonArray answers = new JsonArray(batch.body());
        assertThat(answers).hasSize(2);
        assertThat(answers.getJsonObject(0)
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"))
                .isEqualTo("from /gpt-4o");
        assertThat(answers.getJsonObject(1)
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"))
                .isEqualTo("from /cheap");
        // Each model's call is a call of its own in the spend logs, under the batch's call id.
        JsonArray rows = admin.awaitList(
                "/spend/logs?request_id=" + header(batch, "x-litellm-call-id"), list -> list.size() == 2);
        assertThat(rows.stream().map(JsonObject.class::cast).map(row -> row.getString("model_group")))
                .containsExactlyInAnyOrder("gpt-4o", "cheap");
        assertThat(rows.stream().map(JsonObject.class::cast).map(row -> row.getDouble("spend")))
                .allSatisfy(spend -> assertThat(spend).isCloseTo(CALL_COST, offset(1e-12)));
        HttpResponse<String> streamed = gateway.post(
                "/v1/chat/completions",
                chatBody("gpt-4o,cheap").put("stream", true).encode(),
                "authorization",
                "Bearer " + MASTER);
        assertThat(error(streamed).getString("param")).isEqualTo("stream");
    }

    @Test
    void timeouts_readiness_and_routes_answer_as_litellm_does() throws Exception {
        HttpResponse<String> timedOut = gateway.post(
                "/v1/chat/completions",
                chatBody("cheap").put("mock_timeout", true).put("timeout", 0.2).encode(),
                "authorization",
                "Bearer " + MASTER);
        assertThat(timedOut.statusCode()).isEqualTo(408);
        assertThat(header(timedOut, "x-litellm-timeout")).isEqualTo("0.2");

        JsonObject ready = new JsonObject(gateway.get("/health/readiness").body());
        assertThat(ready.getString("litellm_version")).matches("\\d+\\.\\d+\\.\\d+");

        HttpResponse<String> routes = gateway.get("/routes");
        assertThat(routes.statusCode()).as("public, as in LiteLLM").isEqualTo(200);
        List<String> paths = new JsonObject(routes.body())
                .getJsonArray("routes").stream()
                        .map(JsonObject.class::cast)
                        .map(route -> route.getString("path"))
                        .toList();
        assertThat(paths).contains("/user/new", "/organization/member_add", "/spend/logs", "/v1/chat/completions");
    }
}
