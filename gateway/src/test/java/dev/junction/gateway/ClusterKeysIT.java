package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.keys.store.TestPostgres;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two members of one cluster sharing one PostgreSQL database, as a production cluster runs. Each node
 * caches keys locally, so a change made on one node reaches the other through the cluster cache's events,
 * not by the other node reading the database again.
 */
class ClusterKeysIT {
    private static final String MASTER = "sk-master-keys";
    private static GatewayHarness a;
    private static GatewayHarness b;

    @BeforeAll
    static void start() throws Exception {
        String cluster = "junction-keys-cluster-" + UUID.randomUUID();
        Map<String, String> shared = Map.of("DATABASE", "database_url: \"" + TestPostgres.newDatabase() + "\"");
        a = GatewayHarness.start("/e2e/keys.yaml", shared, cluster, Files.createTempDirectory("node-a"));
        b = GatewayHarness.start("/e2e/keys.yaml", shared, cluster, Files.createTempDirectory("node-b"));
        for (GatewayHarness node : new GatewayHarness[] {a, b}) {
            node.upstream
                    .on("/cheap/v1/chat/completions")
                    .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
        }
        assertThat(a.node.cluster().memberCount()).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
    }

    private static JsonObject admin(GatewayHarness node, String path, JsonObject body) throws Exception {
        HttpResponse<String> response = node.post(path, body.encode(), "authorization", "Bearer " + MASTER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static int chat(GatewayHarness node, String key) throws Exception {
        return node.post("/v1/chat/completions", chatBody("cheap").encode(), "authorization", "Bearer " + key)
                .statusCode();
    }

    /** Polls until the node answers {@code status}; fails if that takes longer than a second. */
    private static void within1s(GatewayHarness node, String key, int status) throws Exception {
        long started = System.nanoTime();
        int seen = chat(node, key);
        while (seen != status && System.nanoTime() - started < 1_000_000_000L) {
            Thread.sleep(20);
            seen = chat(node, key);
        }
        assertThat(seen).as("status on the other node within 1 s").isEqualTo(status);
    }

    @Test
    void a_key_made_on_one_node_works_on_the_other_at_once() throws Exception {
        String key = admin(a, "/key/generate", new JsonObject()).getString("key");
        assertThat(chat(b, key)).isEqualTo(200);
        assertThat(chat(a, key)).isEqualTo(200);
    }

    @Test
    void a_key_refused_as_unknown_on_one_node_works_there_once_made_on_the_other() throws Exception {
        // b remembers that the key does not exist; making it on a must end that on b too.
        String key = "sk-brought-" + UUID.randomUUID();
        assertThat(chat(b, key)).isEqualTo(401);
        admin(a, "/key/generate", new JsonObject().put("key", key));
        within1s(b, key, 200);
    }

    @Test
    void a_delete_block_or_update_on_one_node_holds_on_the_other_within_a_second() throws Exception {
        String key = admin(a, "/key/generate", new JsonObject()).getString("key");
        assertThat(chat(b, key)).isEqualTo(200);

        admin(a, "/key/block", new JsonObject().put("key", key));
        within1s(b, key, 401);
        admin(b, "/key/unblock", new JsonObject().put("key", key));
        within1s(a, key, 200);

        admin(a, "/key/update", new JsonObject().put("key", key).put("models", new JsonArray().add("gpt-4o")));
        within1s(b, key, 401);
        admin(a, "/key/update", new JsonObject().put("key", key).put("models", new JsonArray()));
        within1s(b, key, 200);

        admin(a, "/key/delete", new JsonObject().put("keys", new JsonArray().add(key)));
        within1s(b, key, 401);
    }

    @Test
    void a_key_limit_holds_for_the_cluster() throws Exception {
        E2eClient.awaitMinuteWithAtLeast(java.time.Duration.ofSeconds(5));
        String key =
                admin(a, "/key/generate", new JsonObject().put("rpm_limit", 4)).getString("key");
        int ok = 0;
        for (int i = 0; i < 8; i++) {
            if (chat(i % 2 == 0 ? a : b, key) == 200) {
                ok++;
            }
            // The default batched state shares usage every 10 ms: calls this far apart see each other's counts.
            Thread.sleep(150);
        }
        assertThat(ok).isEqualTo(4);
    }
}
