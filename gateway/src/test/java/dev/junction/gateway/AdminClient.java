package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

/** The management API of one node as one key sees it: plain HTTP, JSON in and out. */
final class AdminClient {
    private final GatewayHarness gateway;
    private final String key;

    AdminClient(GatewayHarness gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    AdminClient as(String otherKey) {
        return new AdminClient(gateway, otherKey);
    }

    HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return gateway.post(path, body.encode(), "authorization", "Bearer " + key, "content-type", "application/json");
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return gateway.get(pathAndQuery, "authorization", "Bearer " + key);
    }

    /** POSTs and expects a 200 with a JSON object. */
    JsonObject ok(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** GETs and expects a 200 with a JSON object. */
    JsonObject read(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode())
                .as(pathAndQuery + " " + response.body())
                .isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** GETs and expects a 200 with a JSON list. */
    JsonArray list(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode())
                .as(pathAndQuery + " " + response.body())
                .isEqualTo(200);
        return new JsonArray(response.body());
    }

    /** The status of a POST. */
    int status(String path, JsonObject body) throws Exception {
        return post(path, body).statusCode();
    }

    /** Polls a GET until {@code done} holds of its list (spend logs arrive in batches), for up to 10 s. */
    JsonArray awaitList(String pathAndQuery, Predicate<JsonArray> done) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonArray seen = list(pathAndQuery);
        while (!done.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = list(pathAndQuery);
        }
        return seen;
    }

    static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }
}
