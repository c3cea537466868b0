package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regenerating a key keeps what it spent, the spend the store does not hold yet included: spend is written only
 * every 10 minutes here ({@code proxy_batch_write_at: 600}), so the calls' cost is in the cluster's counter alone.
 */
class KeyRegenerationIT {
    private static final String MASTER = "sk-master-regeneration";
    private static GatewayHarness gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(
                "/e2e/key-regeneration.yaml", Map.of(), "junction-regeneration-" + UUID.randomUUID(), null);
        gateway.upstream
                .on("/cheap/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o-mini").usage(10, 5).answer());
        admin = new AdminClient(gateway, MASTER);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static int chat(String key) throws Exception {
        return gateway.post("/v1/chat/completions", chatBody("cheap").encode(), "authorization", "Bearer " + key)
                .statusCode();
    }

    @Test
    void a_regenerated_key_keeps_the_spend_not_yet_written_and_its_budget_still_holds() throws Exception {
        String userId = "regenerating-" + UUID.randomUUID();
        admin.ok("/user/new", new JsonObject().put("user_id", userId).put("auto_create_key", false));
        String key = admin.ok(
                        "/key/generate", new JsonObject().put("user_id", userId).put("max_budget", 0.03))
                .getString("key");
        assertThat(chat(key)).isEqualTo(200);
        assertThat(chat(key)).isEqualTo(200);
        // 0.04 of 0.03: the refusal is awaited, as a call's cost is settled just after its answer.
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = chat(key);
        while (status != 400 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = chat(key);
        }
        assertThat(status).isEqualTo(400);

        // The key's own user regenerates it: a new token must not be a fresh budget.
        String renewed = admin.as(admin.ok("/key/generate", new JsonObject().put("user_id", userId))
                        .getString("key"))
                .ok("/key/regenerate", new JsonObject().put("key", key))
                .getString("key");
        assertThat(chat(renewed)).isEqualTo(400);
        assertThat(admin.read("/key/info?key=" + renewed).getJsonObject("info").getDouble("spend"))
                .isGreaterThanOrEqualTo(0.04 - 1e-9);
    }
}
