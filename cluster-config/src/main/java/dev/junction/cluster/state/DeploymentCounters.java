package dev.junction.cluster.state;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The shared state of one deployment as stored in the cluster map: this minute's usage, calls in flight and
 * recent latencies. Only ever changed inside entry processors, on the partition that owns it, so every
 * change is atomic across the cluster.
 */
final class DeploymentCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_SAMPLES = 64;

    long window;
    long requests;
    long tokens;
    long successes;
    long failures;
    long inFlight;
    double[] latencies = new double[0];
    double[] firstTokenLatencies = new double[0];

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

    UsageSnapshot snapshot() {
        return new UsageSnapshot(
                window,
                requests,
                tokens,
                successes,
                failures,
                inFlight,
                latencies.clone(),
                firstTokenLatencies.clone());
    }
}
