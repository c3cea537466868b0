package dev.junction.cluster.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Adds one node's batched changes to a deployment's shared counters, atomically, and returns the result. */
final class ApplyDeltaProcessor implements EntryProcessor<String, DeploymentCounters, UsageSnapshot> {
    private static final long serialVersionUID = 1L;
    private final UsageDelta delta;
    private final long currentWindow;

    ApplyDeltaProcessor(UsageDelta delta, long currentWindow) {
        this.delta = delta;
        this.currentWindow = currentWindow;
    }

    @Override
    public UsageSnapshot process(Map.Entry<String, DeploymentCounters> entry) {
        DeploymentCounters counters = entry.getValue() == null ? new DeploymentCounters() : entry.getValue();
        counters.roll(currentWindow);
        if (delta.window == counters.window) {
            counters.requests += delta.requests;
            counters.tokens = Math.max(0, counters.tokens + delta.tokens);
            counters.successes += delta.successes;
            counters.failures += delta.failureTimes.length;
        }
        counters.inFlight = Math.max(0, counters.inFlight + delta.inFlight);
        for (long at : delta.failureTimes) {
            counters.failedAt(at, delta.legacyWindowMillis);
        }
        for (int i = 0; i < delta.latencies.length; i++) {
            counters.latencies = DeploymentCounters.append(counters.latencies, delta.latencies[i], delta.maxSamples);
            counters.latencyTimes =
                    DeploymentCounters.append(counters.latencyTimes, delta.latencyTimes[i], delta.maxSamples);
        }
        for (int i = 0; i < delta.firstTokens.length; i++) {
            counters.firstTokenLatencies =
                    DeploymentCounters.append(counters.firstTokenLatencies, delta.firstTokens[i], delta.maxSamples);
            counters.firstTokenTimes =
                    DeploymentCounters.append(counters.firstTokenTimes, delta.firstTokenTimes[i], delta.maxSamples);
        }
        entry.setValue(counters);
        return counters.snapshot();
    }
}
