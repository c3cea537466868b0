package dev.junction.gateway.observe.callbacks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends log events in batches, as LiteLLM's batch loggers do: events queue (at most {@link #MAX_QUEUED}; past
 * that new ones are dropped and counted), and every {@link #FLUSH_EVERY} or once {@link #BATCH_SIZE} are
 * waiting, one POST carries them. A failed POST is logged (at most once a minute) and its events dropped: a
 * log sink that is down must not grow the gateway's memory. Closing flushes what is left.
 */
final class BatchSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    static final int BATCH_SIZE = 512;
    private static final int MAX_QUEUED = 10_000;
    private static final long TIMEOUT_MS = 10_000;

    private final String name;
    private final Vertx vertx;
    private final HttpClient client;
    private final String url;
    private final Map<String, String> headers;
    private final Function<List<JsonObject>, Buffer> body;
    private final Queue<JsonObject> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long lastWarned;
    private final long timer;

    /** @param body how a batch of events becomes the POST's body */
    BatchSender(
            String name,
            Vertx vertx,
            HttpClient client,
            String url,
            Map<String, String> headers,
            Function<List<JsonObject>, Buffer> body) {
        this.name = name;
        this.vertx = vertx;
        this.client = client;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.timer = vertx.setPeriodic(FLUSH_EVERY.toMillis(), id -> flush());
    }

    /** A JSON array of the events, as {@code generic_api}'s default {@code json_array} format. */
    static Buffer jsonArray(List<JsonObject> events) {
        return new JsonArray(new ArrayList<>(events)).toBuffer();
    }

    void add(JsonObject event) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(event);
        if (queued.get() >= BATCH_SIZE) {
            vertx.runOnContext(v -> flush());
        }
    }

    Future<Void> flush() {
        if (queue.isEmpty() || !flushing.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        List<JsonObject> batch = new ArrayList<>();
        JsonObject event;
        while (batch.size() < BATCH_SIZE && (event = queue.poll()) != null) {
            batch.add(event);
            queued.decrementAndGet();
        }
        return post(body.apply(batch))
                .onFailure(failure -> warn(batch.size(), failure))
                .eventually(() -> {
                    flushing.set(false);
                    return Future.succeededFuture();
                })
                .recover(ignored -> Future.succeededFuture());
    }

    private Future<Void> post(Buffer payload) {
        RequestOptions options = new RequestOptions()
                .setAbsoluteURI(url)
                .setMethod(HttpMethod.POST)
                .setIdleTimeout(TIMEOUT_MS)
                .putHeader("content-type", "application/json");
        headers.forEach(options::putHeader);
        return client.request(options).compose(request -> request.send(payload)).compose(response -> response.body()
                .compose(answer -> response.statusCode() < 300
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture("HTTP " + response.statusCode())));
    }

    private void warn(int events, Throwable failure) {
        long now = System.currentTimeMillis();
        if (now - lastWarned > 60_000) {
            lastWarned = now;
            LOG.warn(
                    "{} did not take {} log events ({}); {} more dropped because the queue was full",
                    name,
                    events,
                    failure.getMessage(),
                    dropped.getAndSet(0));
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        try {
            flush().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down: what could not be sent in time is lost
        }
    }
}
