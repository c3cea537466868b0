package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes spend to the {@link KeyStore} in batches, off the request path. {@link #add} and {@link #reset} only
 * append to a lock-free queue, so event loops may call them; a single thread of its own drains the queue every
 * interval ({@code general_settings.proxy_batch_write_at}) into one {@link KeyStore#applySpend} call.
 *
 * <p>A failed write (the database is down) keeps the batch and retries it with the next one; the outage is
 * logged once. {@link #close()} flushes: a graceful shutdown loses nothing. A crash loses what was queued since
 * the last successful write: at most one interval of spend, or the whole outage if the database was down.
 */
public final class SpendWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpendWriter.class);

    /** Amounts and resets in the order they happened, so that a reset drops exactly the amounts before it. */
    private sealed interface Event permits Amount, Reset {}

    private record Amount(String subjectId, double usd) implements Event {}

    private record Reset(String subjectId, Instant nextResetAt) implements Event {}

    private final KeyStore store;
    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread;
    // Touched only on the writer's thread: the batch not yet written.
    private final Map<String, Instant> resets = new HashMap<>();
    private final Map<String, Double> amounts = new HashMap<>();
    private boolean failing;

    public SpendWriter(KeyStore store, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.store = store;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread writer = new Thread(runnable, "junction-spend-writer");
            writer.setDaemon(true);
            return writer;
        });
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::write, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Adds {@code usd} to a subject's spend ({@code key:<token>}, {@code team:<team_id>}, ...). Never blocks. */
    public void add(String subjectId, double usd) {
        checkSubject(subjectId);
        if (usd != 0 && Double.isFinite(usd)) {
            queue.add(new Amount(subjectId, usd));
        }
    }

    /**
     * Resets a subject's spend to 0 with its next reset time: amounts added before this call are dropped,
     * those added after it count in the new period. Never blocks.
     */
    public void reset(String subjectId, Instant nextResetAt) {
        checkSubject(subjectId);
        queue.add(new Reset(subjectId, nextResetAt));
    }

    /** Writes everything added so far and waits for it; throws {@link KeyStoreException} if it could not. */
    public void flush() {
        try {
            Boolean written = thread.submit(this::write).get();
            if (!written) {
                throw new KeyStoreException("Could not write spend to the key store " + store.describe(), null);
            }
        } catch (RejectedExecutionException closed) {
            throw new IllegalStateException("the spend writer is closed", closed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KeyStoreException("Interrupted while writing spend", interrupted);
        } catch (ExecutionException failed) {
            throw new KeyStoreException("Could not write spend", failed.getCause());
        }
    }

    /** Flushes (logging, not throwing, when the database is down) and stops the writer's thread. */
    @Override
    public void close() {
        try {
            flush();
        } catch (KeyStoreException failed) {
            LOG.error("Spend not written at shutdown: the key store {} is unavailable", store.describe());
        } catch (IllegalStateException alreadyClosed) {
            return;
        }
        thread.shutdown();
    }

    /** Runs on the writer's thread only. */
    private boolean write() {
        drain();
        if (resets.isEmpty() && amounts.isEmpty()) {
            return true;
        }
        try {
            store.applySpend(Collections.unmodifiableMap(resets), Collections.unmodifiableMap(amounts));
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                // The exception's class only: driver messages may quote values.
                LOG.warn(
                        "Could not write spend to the key store {} ({}); keeping it and retrying every interval",
                        store.describe(),
                        failed.getClass().getSimpleName());
            }
            return false;
        }
        if (failing) {
            failing = false;
            LOG.info("Spend written to the key store {} again", store.describe());
        }
        resets.clear();
        amounts.clear();
        return true;
    }

    private void drain() {
        for (Event event = queue.poll(); event != null; event = queue.poll()) {
            if (event instanceof Amount amount) {
                amounts.merge(amount.subjectId(), amount.usd(), Double::sum);
            } else if (event instanceof Reset reset) {
                amounts.remove(reset.subjectId());
                resets.put(reset.subjectId(), reset.nextResetAt());
            }
        }
    }

    /** Checked here, not at write time, where one bad subject would block the whole batch forever. */
    private static void checkSubject(String subjectId) {
        SpendSql.check(subjectId);
    }
}
