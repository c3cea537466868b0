package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * An append-only list written on the event loop and read from the JUnit thread, with a cursor for
 * {@link #next()}.
 *
 * <p>The cursor is why {@code next()} cannot miss an item: it hands out the first item not yet handed out,
 * whether that item arrived before or after the call. A test that asks for the next request after
 * sending one therefore never races the server.
 */
final class Recording<T> {
    private final List<T> items = new ArrayList<>();
    private final Queue<Promise<T>> waiting = new ArrayDeque<>();
    private int handedOut;

    void add(T item) {
        Promise<T> waiter;
        synchronized (this) {
            items.add(item);
            waiter = waiting.poll();
            if (waiter != null) {
                handedOut++;
            }
        }
        // Completed outside the lock: listeners may call back into this recording.
        if (waiter != null) {
            waiter.complete(item);
        }
    }

    synchronized List<T> all() {
        return List.copyOf(items);
    }

    synchronized int size() {
        return items.size();
    }

    synchronized T last() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    synchronized Future<T> next() {
        if (waiting.isEmpty() && handedOut < items.size()) {
            return Future.succeededFuture(items.get(handedOut++));
        }
        Promise<T> promise = Promise.promise();
        waiting.add(promise);
        return promise.future();
    }

    synchronized void clear() {
        items.clear();
        handedOut = 0;
    }
}
