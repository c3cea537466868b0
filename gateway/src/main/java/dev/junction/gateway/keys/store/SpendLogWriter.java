package dev.junction.gateway.keys.store;

import dev.junction.cluster.spend.CallLog;
import dev.junction.cluster.spend.CallRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes spend log rows in batches, off the request path, like the {@link SpendWriter} writes spend: {@link
 * #record} only appends to a lock-free queue; a thread of its own writes what is queued every interval ({@code
 * proxy_batch_write_at}) in one transaction, and deletes rows older than the retention period when one is set.
 *
 * <p>A failed write keeps its rows for the next interval. The queue is bounded ({@link #MAX_QUEUED} rows): during
 * a long database outage the newest rows are dropped rather than the heap filled, and how many is logged.
 * {@link #close()} writes what is queued.
 */
public final class SpendLogWriter implements CallLog, AutoCloseable {
    static final int MAX_QUEUED = 200_000;
    /** Rows per transaction: a batch after an outage is written in pieces. */
    static final int MAX_BATCH = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(SpendLogWriter.class);

    private final SpendLogStore store;
    private final String description;
    private final SpendLogRetention retention;
    private final Clock clock;
    private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService thread;
    // Touched only on the writer's thread.
    private final List<CallRecord> pending = new ArrayList<>();
    private boolean failing;
    private long nextCleanupMillis;

    public SpendLogWriter(
            SpendLogStore store, String description, Duration interval, SpendLogRetention retention, Clock clock) {
        this.store = store;
        this.description = description;
        this.retention = retention;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread writer = new Thread(runnable, "junction-spend-log-writer");
            writer.setDaemon(true);
            return writer;
        });
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::writeAndClean, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Queues a row. Never blocks; drops the row when the queue is full. */
    @Override
    public void record(CallRecord call) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(call);
    }

    /** Writes everything queued so far and waits for it; false when the database did not take it. */
    public boolean flush() {
        try {
            return thread.submit(this::write).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException failed) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!flush()) {
            LOG.warn("Spend log rows not written at shutdown: the key store {} did not take them", description);
        }
        thread.shutdown();
    }

    private void writeAndClean() {
        write();
        long now = clock.millis();
        if (retention.enabled() && now >= nextCleanupMillis) {
            nextCleanupMillis = now + retention.interval().toMillis();
            try {
                int deleted = store.deleteBefore(now - retention.period().toMillis());
                if (deleted > 0) {
                    LOG.info("Deleted {} spend log rows older than {}", deleted, retention.period());
                }
            } catch (RuntimeException failed) {
                LOG.warn(
                        "Could not delete old spend log rows ({})",
                        failed.getClass().getSimpleName());
            }
        }
    }

    /** Runs on the writer's thread only. */
    private boolean write() {
        for (CallRecord call = queue.poll(); call != null; call = queue.poll()) {
            queued.decrementAndGet();
            pending.add(call);
        }
        reportDropped();
        while (!pending.isEmpty()) {
            List<CallRecord> batch = pending.subList(0, Math.min(MAX_BATCH, pending.size()));
            try {
                store.insert(List.copyOf(batch));
            } catch (RuntimeException failed) {
                if (!failing) {
                    failing = true;
                    // The exception's class only: driver messages may quote values.
                    LOG.warn(
                            "Could not write spend log rows to the key store {} ({}); keeping them and retrying",
                            description,
                            failed.getClass().getSimpleName());
                }
                return false;
            }
            batch.clear();
        }
        if (failing) {
            failing = false;
            LOG.info("Spend log rows written to the key store {} again", description);
        }
        return true;
    }

    private void reportDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("Dropped {} spend log rows: more than {} were waiting for the key store", lost, MAX_QUEUED);
        }
    }
}
