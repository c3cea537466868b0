package dev.junction.gateway.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Store reads on the request path (keys and teams not cached yet), bounded so that a slow or unreachable
 * database costs a client a few seconds at most and never a 500. A read runs on the store's worker threads
 * unless the store is known to be down ({@link StoreOutage}); a caller waits at most {@link #TIME_LIMIT}
 * for it; a read still queued when its callers have stopped waiting is dropped, not run. Each of these
 * answers a 503 with {@code Retry-After}.
 */
final class StoreReads {
    /** Above the pool's wait for a connection (2 s, KeyStores), so that an outage is seen as one. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(3);

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final StoreOutage outage;

    StoreReads(Vertx vertx, WorkerExecutor worker, StoreOutage outage) {
        this.vertx = vertx;
        this.worker = worker;
        this.outage = outage;
    }

    /**
     * Runs {@code read} (blocking) on a worker thread, then {@code then} with its result on the same thread; or
     * fails at once while the store is down. Whatever {@code read} throws is taken as the store failing.
     */
    <V, R> Future<R> read(Callable<V> read, Function<V, R> then) {
        if (!outage.allows()) {
            return Future.failedFuture(unavailable());
        }
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        return worker.executeBlocking(
                () -> {
                    if (System.nanoTime() - deadline > 0) {
                        // Everyone waiting for this read has had a 503 already: spare the database.
                        throw busy();
                    }
                    V value;
                    try {
                        value = read.call();
                    } catch (RuntimeException failed) {
                        outage.failed(failed);
                        throw unavailable();
                    }
                    outage.answered();
                    return then.apply(value);
                },
                false);
    }

    /** {@code outcome}, on the caller's context; a 503 when it takes longer than {@link #TIME_LIMIT}. */
    <V> Future<V> awaited(CompletionStage<V> outcome) {
        return Future.fromCompletionStage(outcome, vertx.getOrCreateContext())
                .timeout(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(failure instanceof TimeoutException ? tooSlow() : failure));
    }

    /** Too many different keys are being looked up at once. */
    static GatewayException busy() {
        return refusal("The key store is busy with other lookups, so this key could not be checked");
    }

    private static GatewayException unavailable() {
        return refusal("The key store cannot be reached, so this key could not be checked");
    }

    private static GatewayException tooSlow() {
        return refusal("The key store did not answer within " + TIME_LIMIT.toSeconds()
                + " s, so this key could not be checked");
    }

    private static GatewayException refusal(String reason) {
        return GatewayException.of(ErrorKind.SERVICE_UNAVAILABLE, reason + "; try again shortly.")
                .withRetryAfter(RETRY_AFTER);
    }

    /** Whether the store is taken as down (its last read failed). */
    boolean storeDown() {
        return outage.isDown();
    }
}
