package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code json_logs: true} on the packaged jar: every line of its output is one JSON object. */
class JsonLogsIT {

    @Test
    void every_log_line_is_json_and_a_calls_access_line_carries_its_call_id() throws Exception {
        Path config = Files.createTempFile("junction-json-logs", ".yaml");
        try (var in = JsonLogsIT.class.getResourceAsStream("/e2e/json-logs.yaml")) {
            Files.write(config, in.readAllBytes());
        }
        int clusterPort = JarNode.freePort();
        try (JarNode node = JarNode.launch(
                "json-logs", config, "json-logs-" + UUID.randomUUID(), clusterPort, List.of(clusterPort))) {
            node.awaitMembers(1, Duration.ofSeconds(90));
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(node.uri("/v1/chat/completions"))
                                    .header("x-litellm-call-id", "json-call-1")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonObject access = awaitAccessLine(node, "json-call-1");
            assertThat(access.getString("level")).isEqualTo("INFO");
            assertThat(access.getString("loggerName")).isEqualTo("dev.junction.access");
            assertThat(access.getString("formattedMessage"))
                    .contains("/v1/chat/completions 200")
                    .contains("echo");
            assertThat(access.getLong("timestamp")).isPositive();
            List<String> lines =
                    node.logText().lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                JsonObject parsed = new JsonObject(line);
                assertThat(parsed.getString("level")).isNotNull();
                assertThat(parsed.getString("loggerName")).isNotNull();
            });
        }
    }

    private static JsonObject awaitAccessLine(JarNode node, String callId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : node.logText().lines().toList()) {
                if (line.contains("dev.junction.access") && line.contains(callId)) {
                    JsonObject parsed = new JsonObject(line);
                    JsonArray pairs = parsed.getJsonArray("kvpList");
                    assertThat(pairs.encode()).contains("\"call_id\":\"" + callId + "\"");
                    return parsed;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access line for " + callId + " in:\n" + node.logTail());
    }
}
