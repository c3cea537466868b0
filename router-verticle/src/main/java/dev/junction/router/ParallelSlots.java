package dev.junction.router;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code max_parallel_requests} per deployment on this node: calls beyond the limit wait in a bounded FIFO
 * queue until a slot frees or their timeout passes. Shared by the router verticle's instances, so waiters
 * are resumed on their own event loop.
 */
final class ParallelSlots {
    /** Waiters per deployment beyond which a call is refused at once rather than queued. */
    static final int MAX_WAITERS = 1000;

    private final Vertx vertx;
    private final Map<String, Slots> byDeployment = new ConcurrentHashMap<>();

    ParallelSlots(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Completes with a release action once the call may start; {@code limit <= 0} means unlimited. */
    Future<Runnable> acquire(String deploymentId, int limit, Duration timeout) {
        if (limit <= 0) {
            return Future.succeededFuture(() -> {});
        }
        return byDeployment
                .computeIfAbsent(deploymentId, id -> new Slots(limit))
                .acquire(timeout);
    }

    private final class Slots {
        private final int limit;
        private final Deque<Waiter> waiters = new ArrayDeque<>();
        private int inUse;

        Slots(int limit) {
            this.limit = limit;
        }

        synchronized Future<Runnable> acquire(Duration timeout) {
            if (inUse < limit) {
                inUse++;
                return Future.succeededFuture(this::release);
            }
            if (waiters.size() >= MAX_WAITERS) {
                return Future.failedFuture(GatewayException.of(
                        ErrorKind.RATE_LIMITED,
                        ErrorKind.RATE_LIMITED.describe("max_parallel_requests reached and the wait queue is full")));
            }
            Waiter waiter = new Waiter(Vertx.currentContext(), Promise.promise());
            waiters.add(waiter);
            waiter.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> expire(waiter, timeout));
            return waiter.promise.future();
        }

        private synchronized void expire(Waiter waiter, Duration timeout) {
            if (waiters.remove(waiter)) {
                waiter.fail(GatewayException.of(
                        ErrorKind.TIMEOUT,
                        ErrorKind.TIMEOUT.describe("waited " + timeout.toMillis() + " ms for one of the deployment's "
                                + limit + " max_parallel_requests slots")));
            }
        }

        private void release() {
            Waiter next;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            vertx.cancelTimer(next.timer);
            next.grant(this::release);
        }
    }

    private static final class Waiter {
        private final Context context;
        private final Promise<Runnable> promise;
        private long timer;

        Waiter(Context context, Promise<Runnable> promise) {
            this.context = context;
            this.promise = promise;
        }

        void grant(Runnable release) {
            run(() -> promise.complete(release));
        }

        void fail(GatewayException error) {
            run(() -> promise.fail(error));
        }

        private void run(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }
    }
}
