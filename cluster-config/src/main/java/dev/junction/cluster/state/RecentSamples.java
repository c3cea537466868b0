package dev.junction.cluster.state;

/**
 * A deployment's recent latency samples, oldest first. A node's view builds them from three runs (the
 * cluster's, the batch on its way, the batch collecting) on every admission and completion, yet only
 * latency-based routing reads them: so the view's are laid end to end only when first read.
 */
public final class RecentSamples {
    static final RecentSamples NONE = of(new double[0], new long[0], new double[0], new long[0]);

    private volatile SampleArrays arrays;
    // What a lazy merge is made of; dropped once merged.
    private int keep;
    private RecentSamples base;
    private SampleArrays sent;
    private SampleArrays pending;

    private RecentSamples(SampleArrays arrays) {
        this.arrays = arrays;
    }

    private RecentSamples(int keep, RecentSamples base, SampleArrays sent, SampleArrays pending) {
        this.keep = keep;
        this.base = base;
        this.sent = sent;
        this.pending = pending;
    }

    /** Samples as they are. */
    public static RecentSamples of(
            double[] latencies, long[] latencyTimes, double[] firstTokenLatencies, long[] firstTokenTimes) {
        return new RecentSamples(new SampleArrays(latencies, latencyTimes, firstTokenLatencies, firstTokenTimes));
    }

    /**
     * The last {@code keep} samples of {@code base}, then {@code sent}, then {@code pending}, merged when first
     * read. The arrays are never changed once made, so reading them later gives what they held now.
     */
    static RecentSamples lastOf(int keep, RecentSamples base, SampleArrays sent, SampleArrays pending) {
        if (sent.isEmpty() && pending.isEmpty()) {
            return base;
        }
        return new RecentSamples(keep, base, sent, pending);
    }

    /** Whole-call latencies in seconds. */
    public double[] latencies() {
        return arrays().latencies();
    }

    /** When each latency was taken (epoch millis). */
    public long[] latencyTimes() {
        return arrays().latencyTimes();
    }

    /** Stream time-to-first-token latencies in seconds. */
    public double[] firstTokenLatencies() {
        return arrays().firstTokens();
    }

    /** When each time to first token was taken (epoch millis). */
    public long[] firstTokenTimes() {
        return arrays().firstTokenTimes();
    }

    private SampleArrays arrays() {
        SampleArrays merged = arrays;
        if (merged == null) {
            // Checked again under the lock: one thread merges, the others read what it made.
            synchronized (this) {
                merged = arrays;
                if (merged == null) {
                    merged = merge();
                    arrays = merged;
                    base = null;
                    sent = null;
                    pending = null;
                }
            }
        }
        return merged;
    }

    private SampleArrays merge() {
        return new SampleArrays(
                Samples.lastOf(keep, base.latencies(), sent.latencies(), pending.latencies()),
                Samples.lastOf(keep, base.latencyTimes(), sent.latencyTimes(), pending.latencyTimes()),
                Samples.lastOf(keep, base.firstTokenLatencies(), sent.firstTokens(), pending.firstTokens()),
                Samples.lastOf(keep, base.firstTokenTimes(), sent.firstTokenTimes(), pending.firstTokenTimes()));
    }
}
