package dev.junction.cluster.state;

import java.util.Arrays;

/**
 * What one node changed on one deployment since its last push: counts to add and samples to append.
 * Mutable while the node collects it, then sent as it is.
 */
final class UsageDelta {

    long window;
    long requests;
    long tokens;
    long successes;
    long inFlight;
    long[] failureTimes = new long[0];
    long legacyWindowMillis;
    double[] latencies = new double[0];
    long[] latencyTimes = new long[0];
    double[] firstTokens = new double[0];
    long[] firstTokenTimes = new long[0];
    int maxSamples = DeploymentCounters.MAX_SAMPLES;

    boolean isEmpty() {
        return requests == 0
                && tokens == 0
                && successes == 0
                && inFlight == 0
                && failureTimes.length == 0
                && latencies.length == 0
                && firstTokens.length == 0;
    }

    void failure(long atMillis) {
        failureTimes = Arrays.copyOf(failureTimes, failureTimes.length + 1);
        failureTimes[failureTimes.length - 1] = atMillis;
    }

    void latency(double seconds, long atMillis) {
        latencies = DeploymentCounters.append(latencies, seconds, maxSamples);
        latencyTimes = DeploymentCounters.append(latencyTimes, atMillis, maxSamples);
    }

    void firstToken(double seconds, long atMillis) {
        firstTokens = DeploymentCounters.append(firstTokens, seconds, maxSamples);
        firstTokenTimes = DeploymentCounters.append(firstTokenTimes, atMillis, maxSamples);
    }

    /** Adds a delta that could not be pushed back in front of what came since. */
    void absorb(UsageDelta earlier) {
        if (earlier.window == window) {
            requests += earlier.requests;
            tokens += earlier.tokens;
            successes += earlier.successes;
        }
        inFlight += earlier.inFlight;
        for (long at : earlier.failureTimes) {
            failure(at);
        }
        for (int i = 0; i < earlier.latencies.length; i++) {
            latency(earlier.latencies[i], earlier.latencyTimes[i]);
        }
        for (int i = 0; i < earlier.firstTokens.length; i++) {
            firstToken(earlier.firstTokens[i], earlier.firstTokenTimes[i]);
        }
    }
}
