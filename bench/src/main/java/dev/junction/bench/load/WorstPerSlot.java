package dev.junction.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The worst latency among the requests due in each 10 ms of wall-clock time. A percentile says how bad the
 * tail is; this says when it happened, so that the slow moments can be laid beside GC and scheduler logs
 * ({@code bench/tail.sh}).
 */
final class WorstPerSlot {
    static final long SLOT_MILLIS = 10;

    private final long originMillis;
    private final AtomicLongArray worstMicros;

    WorstPerSlot(long originMillis, long spanMillis) {
        this.originMillis = originMillis;
        this.worstMicros = new AtomicLongArray((int) (spanMillis / SLOT_MILLIS) + 1);
    }

    /** @param nanosSinceDue latency of a request that answered now */
    void record(long nanosSinceDue) {
        long dueMillis = System.currentTimeMillis() - nanosSinceDue / 1_000_000;
        long slot = (dueMillis - originMillis) / SLOT_MILLIS;
        if (slot >= 0 && slot < worstMicros.length()) {
            worstMicros.accumulateAndGet((int) slot, nanosSinceDue / 1000, Math::max);
        }
    }

    /** One line per slot in which a request was due and answered: its start (epoch millis) and worst latency (us). */
    void write(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int slot = 0; slot < worstMicros.length(); slot++) {
                long worst = worstMicros.get(slot);
                if (worst > 0) {
                    out.println((originMillis + slot * SLOT_MILLIS) + " " + worst);
                }
            }
        }
    }
}
