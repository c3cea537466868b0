package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.RecordedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain HTTP chat calls through a {@link GatewayHarness} with its master key, and the waits the routing
 * tests share. java.net.http rather than the OpenAI SDK: these tests read statuses and headers of failed
 * calls too, and start no SDK.
 */
final class E2eClient {
    private final GatewayHarness gateway;
    private final String masterKey;

    E2eClient(GatewayHarness gateway, String masterKey) {
        this.gateway = gateway;
        this.masterKey = masterKey;
    }

    /** {@code {"model": model, "messages": [{"role": "user", "content": text}]}}. */
    static JsonObject chatBody(String model, String text) {
        return new JsonObject()
                .put("model", model)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    static JsonObject chatBody(String model) {
        return chatBody(model, "Hello");
    }

    HttpResponse<String> chat(String model) throws Exception {
        return chat(chatBody(model));
    }

    /** Posts {@code body} to {@code /v1/chat/completions}; {@code headers} are extra name/value pairs. */
    HttpResponse<String> chat(JsonObject body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + masterKey;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.post("/v1/chat/completions", body.encode(), all);
    }

    /** A streamed chat call, read to its end. */
    HttpResponse<String> stream(String model) throws Exception {
        return chat(chatBody(model).put("stream", true));
    }

    /** {@link #chat(JsonObject, String...)} on another thread, for calls that must overlap. */
    CompletableFuture<HttpResponse<String>> chatAsync(JsonObject body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return chat(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Calls the group and fails the test unless the answer is a 200: a node is warm once this returns. */
    void warmUp(String model) throws Exception {
        assertThat(chat(model).statusCode()).isEqualTo(200);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }

    static String content(HttpResponse<String> response) {
        return new JsonObject(response.body())
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.startsWith("data: ")) {
                data.add(frame.substring("data: ".length()));
            }
        }
        return data;
    }

    /** The text the content deltas of an OpenAI SSE body add up to. */
    static String streamedContent(String body) {
        StringBuilder text = new StringBuilder();
        for (String data : sseData(body)) {
            if (data.equals("[DONE]")) {
                continue;
            }
            JsonArray choices = new JsonObject(data).getJsonArray("choices");
            if (choices != null && !choices.isEmpty()) {
                JsonObject delta = choices.getJsonObject(0).getJsonObject("delta");
                if (delta != null && delta.getString("content") != null) {
                    text.append(delta.getString("content"));
                }
            }
        }
        return text.toString();
    }

    /** Time from one upstream request's arrival to another's. */
    static Duration gap(RecordedRequest first, RecordedRequest second) {
        return Duration.between(first.receivedAt(), second.receivedAt());
    }

    /**
     * Waits until the fake upstream reports that the gateway abandoned a response on {@code path}: the
     * connection was closed before the answer was complete.
     */
    static void awaitCancellation(GatewayHarness gateway, String path, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no cancelled response on " + path + " within " + within);
            }
            RecordedRequest cancelled = gateway.upstream
                    .nextCancellation()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(left, TimeUnit.NANOSECONDS);
            if (cancelled.path().equals(path)) {
                return;
            }
        }
    }

    /** Polls until {@code path} has received {@code count} requests. */
    static void awaitRequests(GatewayHarness gateway, String path, int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (gateway.upstream.requests(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(count + " requests on " + path + " expected within " + within);
            }
            Thread.sleep(10);
        }
    }

    /**
     * rpm and tpm are counted per fixed UTC minute. A test that fills a minute's budget waits for a fresh
     * minute when fewer than {@code needed} remain of the current one, so the window cannot roll over midway.
     */
    static void awaitMinuteWithAtLeast(Duration needed) throws InterruptedException {
        Instant now = Instant.now();
        Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Duration left = Duration.between(now, nextMinute);
        if (left.compareTo(needed) < 0) {
            Thread.sleep(left.toMillis() + 200);
        }
    }
}
