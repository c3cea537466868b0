package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.OpenAiWire;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The time from a model API call (and from a {@code /config/update} of the router settings) to every node serving
 * the change, on one node and on three. Prints the
 * figures (README, "Models at run time"); asserts only that each node serves the change once the call returned,
 * never a duration.
 */
class ModelPropagationFiguresIT {
    private static final int ROUNDS = 10;
    private static final List<GatewayHarness> nodes = new ArrayList<>();

    @AfterAll
    static void stop() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void every_node_serves_a_change_when_the_call_returns_on_one_and_three_nodes() throws Exception {
        String cluster = "junction-live-figures-" + UUID.randomUUID();
        Path data = Files.createTempDirectory("live-figures");
        nodes.add(GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data));
        nodes.get(0)
                .upstream
                .on("/live/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());
        answerFixed(nodes.get(0));
        measure();
        measureRouterSettings();
        nodes.add(GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data));
        nodes.add(GatewayHarness.start("/e2e/live-models.yaml", Map.of(), cluster, data));
        answerFixed(nodes.get(1));
        answerFixed(nodes.get(2));
        assertThat(nodes.get(0).node.cluster().memberCount()).isEqualTo(3);
        measure();
        measureRouterSettings();
    }

    private static void answerFixed(GatewayHarness node) {
        node.upstream
                .on("/fixed/v1/chat/completions")
                .replyAlways(OpenAiWire.chat("gpt-4o").answer());
    }

    /** A new alias for the config's group "fixed" each round: served by every node once the call returned. */
    private void measureRouterSettings() throws Exception {
        List<Long> served = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String alias = "alias-" + UUID.randomUUID();
            GatewayHarness admin = nodes.get(round % nodes.size());
            long started = System.nanoTime();
            JsonObject body = new JsonObject()
                    .put(
                            "router_settings",
                            new JsonObject().put("model_group_alias", new JsonObject().put(alias, "fixed")));
            HttpResponse<String> answer = RuntimeConfigIT.update(admin, body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            served.add(untilEveryNode(alias, 200, started));
        }
        System.out.printf(
                "Router settings (/config/update), %d node(s), %d rounds: served everywhere after median %.1f ms"
                        + " (max %.1f ms)%n",
                nodes.size(), ROUNDS, median(served), max(served));
    }

    private void measure() throws Exception {
        GatewayHarness first = nodes.get(0);
        List<Long> adds = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String model = "timed-" + UUID.randomUUID();
            GatewayHarness admin = nodes.get(round % nodes.size());
            long started = System.nanoTime();
            JsonObject added = RuntimeModelsIT.admin(
                    admin, "/model/new", RuntimeModelsIT.entry(model, first.upstream.baseUrl() + "/live/v1", "sk-t"));
            adds.add(untilEveryNode(model, 200, started));
            started = System.nanoTime();
            RuntimeModelsIT.admin(admin, "/model/delete", new JsonObject().put("id", added.getString("model_id")));
            deletes.add(untilEveryNode(model, 400, started));
        }
        System.out.printf(
                "Model API, %d node(s), %d rounds: add served everywhere after median %.1f ms (max %.1f ms);"
                        + " delete refused everywhere after median %.1f ms (max %.1f ms)%n",
                nodes.size(), ROUNDS, median(adds), max(adds), median(deletes), max(deletes));
    }

    /** Checks each node once (the call has returned: each must already serve the change); the time it took. */
    private long untilEveryNode(String model, int status, long started) throws Exception {
        for (GatewayHarness node : nodes) {
            int seen = node.post(
                            "/v1/chat/completions",
                            chatBody(model).encode(),
                            "authorization",
                            "Bearer " + RuntimeModelsIT.MASTER)
                    .statusCode();
            assertThat(seen).as("status on " + node.baseUrl()).isEqualTo(status);
        }
        return System.nanoTime() - started;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static double max(List<Long> nanos) {
        return Collections.max(nanos) / 1e6;
    }
}
