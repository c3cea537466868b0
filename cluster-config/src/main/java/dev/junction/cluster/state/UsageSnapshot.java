package dev.junction.cluster.state;

/**
 * What the cluster knows about a deployment at one moment.
 *
 * @param window the minute window (minutes since the epoch, UTC) the counts belong to
 * @param requests requests admitted in that window
 * @param tokens tokens charged in that window (estimates at admission, settled with reported usage)
 * @param successes successful calls in that window
 * @param failures failed calls in that window
 * @param inFlight calls admitted and not yet completed, cluster-wide
 * @param legacyFails failures each within the legacy window of the previous one ({@code allowed_fails})
 * @param samples recent whole-call and time-to-first-token latencies
 */
public record UsageSnapshot(
        long window,
        long requests,
        long tokens,
        long successes,
        long failures,
        long inFlight,
        long legacyFails,
        RecentSamples samples) {

    public static final UsageSnapshot EMPTY = new UsageSnapshot(0, 0, 0, 0, 0, 0, 0, RecentSamples.NONE);

    /**
     * @param latencies recent whole-call latencies in seconds, oldest first
     * @param latencyTimes when each latency sample was taken (epoch millis)
     * @param firstTokenLatencies recent stream time-to-first-token samples in seconds, oldest first
     * @param firstTokenTimes when each time-to-first-token sample was taken (epoch millis)
     */
    public UsageSnapshot(
            long window,
            long requests,
            long tokens,
            long successes,
            long failures,
            long inFlight,
            long legacyFails,
            double[] latencies,
            long[] latencyTimes,
            double[] firstTokenLatencies,
            long[] firstTokenTimes) {
        this(
                window,
                requests,
                tokens,
                successes,
                failures,
                inFlight,
                legacyFails,
                RecentSamples.of(latencies, latencyTimes, firstTokenLatencies, firstTokenTimes));
    }

    public double[] latencies() {
        return samples.latencies();
    }

    public long[] latencyTimes() {
        return samples.latencyTimes();
    }

    public double[] firstTokenLatencies() {
        return samples.firstTokenLatencies();
    }

    public long[] firstTokenTimes() {
        return samples.firstTokenTimes();
    }

    /** This snapshot as seen in {@code currentWindow}: counts of an older window are zero now. */
    public UsageSnapshot in(long currentWindow) {
        if (window == currentWindow) {
            return this;
        }
        return new UsageSnapshot(currentWindow, 0, 0, 0, 0, inFlight, legacyFails, samples);
    }
}
