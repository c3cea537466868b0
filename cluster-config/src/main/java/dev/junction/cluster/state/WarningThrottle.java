package dev.junction.cluster.state;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One warning per interval for a failure that comes in bursts (an outage fails many calls at once), with the
 * count of the occurrences it stands for.
 */
public final class WarningThrottle {
    private final long intervalNanos;
    private final AtomicLong lastWarning;
    private final AtomicLong sinceWarning = new AtomicLong();

    public WarningThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.lastWarning = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** Counts one occurrence: the occurrences a warning due now stands for, or 0 when none is due. */
    public long occurred() {
        long occurrences = sinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= intervalNanos && lastWarning.compareAndSet(last, now)) {
            sinceWarning.addAndGet(-occurrences);
            return occurrences;
        }
        return 0;
    }
}
