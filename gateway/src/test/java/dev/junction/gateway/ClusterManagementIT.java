package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.keys.store.TestPostgres;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users, team members and end users across two members of one cluster sharing one PostgreSQL database: what is made
 * on one node holds on the other at once, and their budgets are spent on both against one cluster-wide counter.
 * Spend logs are off here ({@code disable_spend_logs}), and no row is written.
 *
 * <p>A call's cost is settled in the cluster just after its answer leaves, so the call that follows it on another
 * node may be admitted before that settlement lands (the documented overspend by what is in flight): the refusal
 * after a spent budget is awaited, not expected of the very next call.
 */
class ClusterManagementIT {
    private static final String MASTER = "sk-master-management";
    private static GatewayHarness a;
    private static GatewayHarness b;
    private static AdminClient adminA;
    private static AdminClient adminB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-management-cluster-" + UUID.randomUUID();
        Map<String, String> shared = Map.of(
                "DATABASE",
                "database_url: \"" + TestPostgres.newDatabase() + "\"",
                "SPEND_LOGS",
                "disable_spend_logs: true");
        a = GatewayHarness.start("/e2e/management.yaml", shared, cluster, Files.createTempDirectory("node-a"));
        b = GatewayHarness.start("/e2e/management.yaml", shared, cluster, Files.createTempDirectory("node-b"));
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            for (String path : new String[] {"/cheap", "/gpt-4o"}) {
                node.upstream
                        .on(path + "/v1/chat/completions")
                        .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
            }
        }
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
        adminA = new AdminClient(a, MASTER);
        adminB = new AdminClient(b, MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    private static int chat(GatewayHarness node, String key, String model) throws Exception {
        return chat(node, key, chatBody(model));
    }

    private static int chat(GatewayHarness node, String key, JsonObject body) throws Exception {
        return node.post("/v1/chat/completions", body.encode(), "authorization", "Bearer " + key)
                .statusCode();
    }

    /** Polls until the node answers {@code status}; fails if that takes longer than a second. */
    private static void within1s(GatewayHarness node, String key, JsonObject body, int status) throws Exception {
        long started = System.nanoTime();
        int seen = chat(node, key, body);
        while (seen != status && System.nanoTime() - started < 1_000_000_000L) {
            Thread.sleep(20);
            seen = chat(node, key, body);
        }
        assertThat(seen).as("status on the other node within 1 s").isEqualTo(status);
    }

    @Test
    void a_user_made_on_one_node_is_used_on_the_other_and_its_budget_holds_for_both() throws Exception {
        String userId = "cluster-user-" + UUID.randomUUID();
        String key = adminA.ok(
                        "/user/new", new JsonObject().put("user_id", userId).put("max_budget", 0.03))
                .getString("key");
        assertThat(adminB.read("/user/info?user_id=" + userId).getJsonArray("keys"))
                .hasSize(1);
        assertThat(chat(b, key, "cheap")).isEqualTo(200);
        assertThat(chat(a, key, "cheap")).isEqualTo(200);
        // 0.04 spent, half on each node, of a 0.03 budget: refused on both.
        within1s(b, key, chatBody("cheap"), 400);
        assertThat(chat(a, key, "cheap")).isEqualTo(400);

        adminA.ok(
                "/user/update",
                new JsonObject()
                        .put("user_id", userId)
                        .put("max_budget", 10)
                        .put("models", new JsonArray().add("gpt-4o")));
        within1s(b, key, chatBody("cheap"), 401);
        assertThat(chat(b, key, "gpt-4o")).isEqualTo(200);
    }

    @Test
    void a_member_budget_is_spent_on_both_nodes_against_one_counter() throws Exception {
        String team = "cluster-team-" + UUID.randomUUID();
        String userId = "cluster-member-" + UUID.randomUUID();
        adminA.ok("/team/new", new JsonObject().put("team_id", team));
        adminB.ok(
                "/team/member_add",
                new JsonObject()
                        .put("team_id", team)
                        .put("member", new JsonObject().put("role", "user").put("user_id", userId))
                        .put("max_budget_in_team", 0.03));
        String key = adminA.ok(
                        "/key/generate", new JsonObject().put("user_id", userId).put("team_id", team))
                .getString("key");
        assertThat(chat(a, key, "cheap")).isEqualTo(200);
        assertThat(chat(b, key, "cheap")).isEqualTo(200);
        within1s(a, key, chatBody("cheap"), 400);
        assertThat(chat(b, key, "cheap")).isEqualTo(400);

        adminB.ok(
                "/team/member_update",
                new JsonObject().put("team_id", team).put("user_id", userId).put("max_budget_in_team", 1));
        within1s(a, key, chatBody("cheap"), 200);
    }

    @Test
    void an_end_user_made_on_one_node_is_held_to_its_budget_on_the_other() throws Exception {
        String endUser = "cluster-customer-" + UUID.randomUUID();
        adminA.ok("/end_user/new", new JsonObject().put("user_id", endUser).put("max_budget", 0.03));
        JsonObject body = chatBody("cheap").put("user", endUser);
        assertThat(chat(b, MASTER, body)).isEqualTo(200);
        assertThat(chat(a, MASTER, body)).isEqualTo(200);
        within1s(b, MASTER, body, 400);

        adminA.ok("/end_user/update", new JsonObject().put("user_id", endUser).put("max_budget", 5));
        within1s(b, MASTER, body, 200);
        adminB.ok("/end_user/block", new JsonObject().put("user_ids", new JsonArray().add(endUser)));
        within1s(a, MASTER, body, 400);
        adminA.ok("/end_user/unblock", new JsonObject().put("user_ids", new JsonArray().add(endUser)));
        within1s(b, MASTER, body, 200);
    }

    @Test
    void an_organisations_budget_is_spent_by_its_teams_keys_on_both_nodes_against_one_counter() throws Exception {
        String org = "cluster-org-" + UUID.randomUUID();
        adminA.ok(
                "/organization/new",
                new JsonObject()
                        .put("organization_id", org)
                        .put("organization_alias", org)
                        .put("max_budget", 0.03));
        String[] keys = new String[2];
        for (int i = 0; i < 2; i++) {
            String team = "cluster-org-team-" + i + "-" + UUID.randomUUID();
            adminB.ok("/team/new", new JsonObject().put("team_id", team).put("organization_id", org));
            keys[i] = adminA.ok("/key/generate", new JsonObject().put("team_id", team))
                    .getString("key");
        }
        // Two teams' keys, one call on each node: 0.04 of the organisation's 0.03.
        assertThat(chat(a, keys[0], "cheap")).isEqualTo(200);
        assertThat(chat(b, keys[1], "cheap")).isEqualTo(200);
        within1s(a, keys[1], chatBody("cheap"), 400);
        assertThat(chat(b, keys[0], "cheap")).isEqualTo(400);

        adminB.ok(
                "/organization/update",
                new JsonObject().put("organization_id", org).put("max_budget", 1));
        within1s(a, keys[0], chatBody("cheap"), 200);
    }

    @Test
    void with_disable_spend_logs_no_row_is_written() throws Exception {
        String key = adminA.ok("/key/generate", new JsonObject()).getString("key");
        assertThat(chat(a, key, "cheap")).isEqualTo(200);
        Thread.sleep(1000);
        assertThat(adminB.list("/spend/logs?api_key=" + key)).isEmpty();
    }
}
