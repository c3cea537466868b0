package dev.junction.testkit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A real Vert.x HTTP client pointed at one fake, with blocking helpers for the JUnit thread.
 *
 * <p>Each exchange runs start to finish on one Vert.x context. Driven from the JUnit thread instead,
 * Vert.x 5.0.10 can run the response callback off the connection's event loop, and then {@code body()}
 * misses the end of the response and never completes (eclipse-vertx/vert.x#6038).
 */
final class TestClient {
    record Reply(int status, MultiMap headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /**
     * A streamed response, with its chunks recorded from the moment the head arrived: the handler is set
     * in the callback that receives the head, on the connection's event loop, so no chunk slips past it.
     *
     * @param end completes at the end of the body, fails if the stream breaks
     */
    record Streamed(HttpClientResponse response, List<String> chunks, Future<Void> end) {}

    private final HttpClient client;
    private final Context context;
    private final FakeUpstream upstream;

    TestClient(Vertx vertx, FakeUpstream upstream) {
        this.client = vertx.createHttpClient();
        this.context = vertx.getOrCreateContext();
        this.upstream = upstream;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Nothing within 5 s", e);
        }
    }

    Reply post(String uri, String body) {
        return post(uri, MultiMap.caseInsensitiveMultiMap(), body);
    }

    /** Sends a POST and returns the whole response. */
    Reply post(String uri, MultiMap headers, String body) {
        RequestOptions options = options(uri, 0).setHeaders(headers);
        return await(onContext(() -> client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body()
                        .map(buffer -> new Reply(response.statusCode(), response.headers(), buffer.toString())))));
    }

    /** Sends a POST and records the response body chunk by chunk; idle timeout 0 means none. */
    Future<Streamed> stream(String uri, long idleTimeoutMillis) {
        return onContext(() -> client.request(options(uri, idleTimeoutMillis))
                .compose(request -> request.send("{}"))
                .map(response -> {
                    List<String> chunks = new CopyOnWriteArrayList<>();
                    Promise<Void> end = Promise.promise();
                    response.handler(chunk -> chunks.add(chunk.toString()));
                    response.exceptionHandler(end::tryFail);
                    response.endHandler(v -> end.tryComplete());
                    return new Streamed(response, chunks, end.future());
                }));
    }

    /** Sends a POST and returns the response as soon as its head arrived, ignoring the body. */
    Future<HttpClientResponse> open(String uri, long idleTimeoutMillis) {
        return onContext(() -> client.request(options(uri, idleTimeoutMillis)).compose(request -> request.send("{}")));
    }

    /** Runs the whole chain on the client's context, so its callbacks share the connection's event loop. */
    private <T> Future<T> onContext(Supplier<Future<T>> chain) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> chain.get().onComplete(result));
        return result.future();
    }

    private RequestOptions options(String uri, long idleTimeoutMillis) {
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(upstream.port())
                .setURI(uri)
                .setIdleTimeout(idleTimeoutMillis);
    }
}
