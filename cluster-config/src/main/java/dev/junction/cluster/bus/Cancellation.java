package dev.junction.cluster.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * Travels with a request so that a client who goes away can stop the upstream call that serves it. Safe to
 * use from any thread: the HTTP verticle cancels on its event loop, the provider listens on its own.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>(1);
    private boolean cancelled;

    /** Runs {@code listener} on cancel, or at once if already cancelled. */
    public void onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
