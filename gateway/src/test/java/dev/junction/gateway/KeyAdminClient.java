package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The key admin routes a cluster test uses, over HTTP with the master key of the cluster configs. */
final class KeyAdminClient {
    private KeyAdminClient() {}

    /**
     * A virtual key as {@code /key/generate} made it.
     *
     * @param key the key a client sends
     * @param token its hash, which names its spend counter
     */
    record Key(String key, String token) {
        String subjectId() {
            return "key:" + token;
        }
    }

    static Key generate(JarNode node, JsonObject settings) throws Exception {
        JsonObject made = post(node, "/key/generate", settings);
        return new Key(made.getString("key"), made.getString("token"));
    }

    static void update(JarNode node, Key key, JsonObject changes) throws Exception {
        post(node, "/key/update", changes.copy().put("key", key.key()));
    }

    /** The spend {@code /key/info} shows for the key on {@code node}. */
    static double spend(JarNode node, Key key) throws Exception {
        HttpResponse<String> response = keyInfo(node, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return spendIn(response);
    }

    /**
     * Polls {@code /key/info} until it shows {@code expected} (settlements land asynchronously); the last seen.
     * A 503 is polled through: when a killed node held the shared embedded store's file, the store answers again
     * only once a survivor serves it.
     */
    static double awaitSpend(JarNode node, Key key, double expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> response = keyInfo(node, key);
        while (!shows(response, expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = keyInfo(node, key);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return spendIn(response);
    }

    private static boolean shows(HttpResponse<String> response, double expected) {
        return response.statusCode() == 200 && Math.abs(spendIn(response) - expected) <= 1e-9;
    }

    private static double spendIn(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("info").getDouble("spend");
    }

    private static HttpResponse<String> keyInfo(JarNode node, Key key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.uri("/key/info?key=" + key.token()))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + ChatLoad.MASTER_KEY)
                .GET()
                .build();
        return ChatLoad.http().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject post(JarNode node, String path, JsonObject body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + ChatLoad.MASTER_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        HttpResponse<String> response = ChatLoad.http().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
