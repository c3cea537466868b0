package dev.junction.provider.http;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Notices an upstream stream that has gone silent for longer than the call's timeout. HTTP idle timeouts
 * do not cover a response whose head has arrived, so this watches the gap between chunks itself. Time spent
 * paused because the client reads slowly is the client's, not a stall.
 */
final class StallWatch {
    private static final long MAX_CHECK_INTERVAL_MS = 1000;

    private final Vertx vertx;
    private final long timeoutMs;
    private final GatewayException timeout;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean paused;
    private long timerId = -1;

    StallWatch(Vertx vertx, long timeoutMs, GatewayException timeout) {
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.timeout = timeout;
    }

    void start(Consumer<GatewayException> onStall) {
        long interval = Math.max(10, Math.min(MAX_CHECK_INTERVAL_MS, timeoutMs / 4));
        timerId = vertx.setPeriodic(interval, id -> {
            long silentMs = (System.nanoTime() - lastActivityNanos) / 1_000_000;
            if (!paused && silentMs >= timeoutMs) {
                stop();
                onStall.accept(timeout);
            }
        });
    }

    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    void paused(boolean paused) {
        this.paused = paused;
        activity();
    }

    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
