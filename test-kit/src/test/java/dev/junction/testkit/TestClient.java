package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real Vert.x HTTP client pointed at one fake, with blocking helpers for the JUnit thread. */
final class TestClient {
    record Reply(int status, MultiMap headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final HttpClient client;
    private final FakeUpstream upstream;

    TestClient(Vertx vertx, FakeUpstream upstream) {
        this.client = vertx.createHttpClient();
        this.upstream = upstream;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Nothing within 5 s", e);
        }
    }

    /** Sends a POST and returns the whole response. */
    Reply post(String uri, String body) {
        return await(request(uri, 0).compose(request -> request.send(body)).compose(response -> response.body()
                .map(buffer -> new Reply(response.statusCode(), response.headers(), buffer.toString()))));
    }

    /** Opens a request without sending it, so a test can set headers or reset it; idle timeout 0 = none. */
    Future<HttpClientRequest> request(String uri, long idleTimeoutMillis) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(upstream.port())
                .setURI(uri)
                .setIdleTimeout(idleTimeoutMillis);
        return client.request(options);
    }

    /**
     * A streamed response, with its chunks recorded from the moment the head arrived: the handler is set
     * on the event loop in the same callback, so no chunk can slip past it.
     *
     * @param end completes at the end of the body, fails if the stream breaks
     */
    record Streamed(HttpClientResponse response, List<String> chunks, Future<Void> end) {}

    Future<Streamed> stream(String uri, long idleTimeoutMillis) {
        return open(uri, idleTimeoutMillis).map(response -> {
            List<String> chunks = new CopyOnWriteArrayList<>();
            Promise<Void> end = Promise.promise();
            response.handler(chunk -> chunks.add(chunk.toString()));
            response.exceptionHandler(end::tryFail);
            response.endHandler(v -> end.tryComplete());
            return new Streamed(response, chunks, end.future());
        });
    }

    /** Sends a POST and returns the response as soon as its head arrived, for streaming tests. */
    Future<HttpClientResponse> open(String uri, long idleTimeoutMillis) {
        return request(uri, idleTimeoutMillis).compose(request -> request.send("{}"));
    }
}
