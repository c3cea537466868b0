package dev.junction.cluster.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Adds one node's batched changes to a deployment's shared counters, atomically, and returns the result. */
final class ApplyDeltaProcessor implements EntryProcessor<String, DeploymentCounters, UsageSnapshot> {
    private static final long serialVersionUID = 1L;
    final UsageDelta delta;
    final long currentWindow;

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
        // One copy per array for the whole batch: appending sample by sample copied the window once per sample.
        int keep = delta.maxSamples;
        counters.latencies = Samples.lastOf(keep, counters.latencies, delta.latencies);
        counters.latencyTimes = Samples.lastOf(keep, counters.latencyTimes, delta.latencyTimes);
        counters.firstTokenLatencies = Samples.lastOf(keep, counters.firstTokenLatencies, delta.firstTokens);
        counters.firstTokenTimes = Samples.lastOf(keep, counters.firstTokenTimes, delta.firstTokenTimes);
        entry.setValue(counters);
        return counters.snapshot();
    }
}
