package dev.junction.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One request being answered. Tracks whether the client went away before the answer was complete: that
 * is how a test proves a client disconnect (or a gateway timeout) propagated upstream.
 *
 * <p>Used on the server's event loop only, so it needs no locking.
 */
final class Exchange {
    private final Vertx vertx;
    private final HttpServerRequest request;
    private final RecordedRequest recorded;
    private final Consumer<RecordedRequest> onCancelled;
    private final BooleanSupplier upstreamClosing;
    private final List<Runnable> cleanups = new ArrayList<>();
    private boolean gone;
    private boolean droppedByFake;

    Exchange(
            Vertx vertx,
            HttpServerRequest request,
            RecordedRequest recorded,
            Consumer<RecordedRequest> onCancelled,
            BooleanSupplier upstreamClosing) {
        this.vertx = vertx;
        this.request = request;
        this.recorded = recorded;
        this.onCancelled = onCancelled;
        this.upstreamClosing = upstreamClosing;
        request.response().closeHandler(v -> connectionClosed());
    }

    RecordedRequest recorded() {
        return recorded;
    }

    HttpServerResponse response() {
        return request.response();
    }

    /** Whether writing more is pointless: the connection is closed, by either side. */
    boolean gone() {
        return gone || request.response().closed();
    }

    /** Runs {@code action} after {@code delay} unless the connection closes first. */
    void schedule(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
            return;
        }
        long timer = vertx.setTimer(delay.toMillis(), id -> {
            if (!gone()) {
                action.run();
            }
        });
        cleanups.add(() -> vertx.cancelTimer(timer));
    }

    /** Runs {@code action} every {@code interval} until the connection closes. */
    void every(Duration interval, Runnable action) {
        long timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> {
            if (!gone()) {
                action.run();
            }
        });
        cleanups.add(() -> vertx.cancelTimer(timer));
    }

    /** Closes the TCP connection on purpose; this is a scripted failure, not a client cancellation. */
    void drop() {
        droppedByFake = true;
        request.connection().close();
    }

    private void connectionClosed() {
        if (gone) {
            return;
        }
        gone = true;
        cleanups.forEach(Runnable::run);
        cleanups.clear();
        boolean unfinished = !request.response().ended();
        if (unfinished && !droppedByFake && !upstreamClosing.getAsBoolean()) {
            onCancelled.accept(recorded);
        }
    }
}
