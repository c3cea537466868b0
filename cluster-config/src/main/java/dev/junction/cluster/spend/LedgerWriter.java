package dev.junction.cluster.spend;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster's spend durable. Every interval ({@code general_settings.proxy_batch_write_at}) each
 * member writes the counters it owns that hold spend not yet in the store, in one transaction, each under a
 * write id the store applies at most once. The counters, with the write on its way, are backed up on another
 * member: when a member dies, the new owner of its counters writes what it had not written, or repeats what it
 * may have written, so that nothing is lost or counted twice. A member leaving gracefully writes what it owns
 * first ({@link #flush}); what other nodes settle on its counters meanwhile moves with them to the next owner.
 *
 * <p>Runs on a thread of its own, never on an event loop. While the store cannot be reached the spend stays
 * in the counters and is written once it can; the outage is logged once.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    private static final long CONFIRM_TIMEOUT_SECONDS = 10;
    private static final int FLUSH_ROUNDS = 3;

    private final IMap<String, SpendCounter> counters;
    private final SpendStore store;
    private final String storeName;
    private final ScheduledExecutorService thread;
    private boolean failing;

    /** @param storeName how the store is named in logs (never with a password) */
    public LedgerWriter(HazelcastInstance hazelcast, SpendStore store, String storeName, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.counters = hazelcast.getMap(SpendMap.NAME);
        this.store = store;
        this.storeName = storeName;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread writer = new Thread(runnable, "junction-spend-writer");
            writer.setDaemon(true);
            return writer;
        });
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::writeOwnedQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes the spend this member owns and waits for it (blocking). False when it could not be written. A write
     * left over from a failed try goes first, under its id; what was settled since follows in a second round.
     */
    public boolean flush() {
        try {
            return thread.submit(() -> {
                        for (int round = 0; round < FLUSH_ROUNDS; round++) {
                            int written = writeOwned();
                            if (written <= 0) {
                                return written == 0;
                            }
                        }
                        return true;
                    })
                    .get();
        } catch (RejectedExecutionException | ExecutionException closed) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops writing (the member is leaving, or gone). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOwnedQuietly() {
        try {
            writeOwned();
        } catch (RuntimeException failed) {
            // The member is shutting down, or its partitions are moving: the next interval tries again.
            LOG.debug("Writing spend failed: {}", failed.toString());
        }
    }

    /** Runs on the writer's thread only: how many counters it wrote, or -1 when the store could not be reached. */
    private int writeOwned() {
        Set<String> owned = counters.localKeySet();
        if (owned.isEmpty()) {
            return 0;
        }
        Map<String, SpendWrite> taken = counters.executeOnKeys(
                owned, new TakeWriteProcessor(UUID.randomUUID().toString()));
        List<SpendWrite> writes =
                taken.values().stream().filter(Objects::nonNull).toList();
        if (writes.isEmpty()) {
            return 0;
        }
        try {
            store.write(writes);
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                // The exception's class only: driver messages may quote values.
                LOG.warn(
                        "Could not write spend to the key store {} ({}); the cluster keeps it and it is written"
                                + " once the store answers",
                        storeName,
                        failed.getClass().getSimpleName());
            }
            return -1;
        }
        if (failing) {
            failing = false;
            LOG.info("Spend written to the key store {} again", storeName);
        }
        confirm(writes);
        return writes.size();
    }

    /** A confirmation that does not arrive only means the write is repeated, under the same id, next time. */
    private void confirm(List<SpendWrite> writes) {
        try {
            CompletableFuture<?>[] confirmations = writes.stream()
                    .map(write -> counters.submitToKey(write.subjectId(), new WrittenProcessor(write.writeId()))
                            .toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(confirmations).get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception unconfirmed) {
            LOG.debug("Spend written but not yet confirmed to the cluster: {}", unconfirmed.toString());
        }
    }
}
