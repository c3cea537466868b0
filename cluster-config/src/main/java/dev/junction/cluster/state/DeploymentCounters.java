package dev.junction.cluster.state;

import java.util.Arrays;

/**
 * The shared state of one deployment as stored in the cluster map: this minute's usage, calls in flight and
 * recent latencies. Only ever changed inside entry processors, on the partition that owns it, so every
 * change is atomic across the cluster.
 */
final class DeploymentCounters {
    static final int MAX_SAMPLES = 64;

    long window;
    long requests;
    long tokens;
    long successes;
    long failures;
    long inFlight;
    long legacyFails;
    long lastFailureMillis;
    double[] latencies = new double[0];
    long[] latencyTimes = new long[0];
    double[] firstTokenLatencies = new double[0];
    long[] firstTokenTimes = new long[0];

    /** Starts a new minute: usage and outcomes count per window, in-flight calls and latencies carry over. */
    void roll(long currentWindow) {
        if (window != currentWindow) {
            window = currentWindow;
            requests = 0;
            tokens = 0;
            successes = 0;
            failures = 0;
        }
    }

    static double[] append(double[] samples, double sample, int limit) {
        int keep = Math.min(samples.length, Math.max(0, limit - 1));
        double[] next = Arrays.copyOfRange(samples, samples.length - keep, samples.length + 1);
        next[keep] = sample;
        return next;
    }

    static long[] append(long[] samples, long sample, int limit) {
        int keep = Math.min(samples.length, Math.max(0, limit - 1));
        long[] next = Arrays.copyOfRange(samples, samples.length - keep, samples.length + 1);
        next[keep] = sample;
        return next;
    }

    /**
     * Counts a failure for LiteLLM's legacy {@code allowed_fails} rule: failures add up while each comes within
     * {@code windowMillis} of the previous one.
     */
    void failedAt(long nowMillis, long windowMillis) {
        legacyFails = nowMillis - lastFailureMillis <= windowMillis ? legacyFails + 1 : 1;
        lastFailureMillis = nowMillis;
    }

    UsageSnapshot snapshot() {
        return new UsageSnapshot(
                window,
                requests,
                tokens,
                successes,
                failures,
                inFlight,
                legacyFails,
                latencies.clone(),
                latencyTimes.clone(),
                firstTokenLatencies.clone(),
                firstTokenTimes.clone());
    }
}
