package dev.junction.cluster.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Records the end of an admitted call: its outcome, its real token usage and its latency. */
final class CompleteProcessor implements EntryProcessor<String, DeploymentCounters, UsageSnapshot> {
    private static final long serialVersionUID = 1L;
    final CallOutcome outcome;
    final long currentWindow;

    CompleteProcessor(CallOutcome outcome, long currentWindow) {
        this.outcome = outcome;
        this.currentWindow = currentWindow;
    }

    @Override
    public UsageSnapshot process(Map.Entry<String, DeploymentCounters> entry) {
        DeploymentCounters counters = entry.getValue() == null ? new DeploymentCounters() : entry.getValue();
        if (outcome.admitted() && counters.window == outcome.admittedWindow()) {
            // Only the window that was charged the estimate can be settled; an older one has expired anyway.
            counters.tokens = Math.max(0, counters.tokens + outcome.tokenCorrection());
        }
        counters.roll(currentWindow);
        if (outcome.admitted()) {
            counters.inFlight = Math.max(0, counters.inFlight - 1);
        }
        if (!outcome.judged()) {
            entry.setValue(counters);
            return counters.snapshot();
        }
        if (outcome.success()) {
            counters.successes++;
        } else {
            counters.failures++;
            counters.failedAt(outcome.endedAtMillis(), outcome.legacyFailWindowMillis());
        }
        int keep = outcome.maxSamples();
        if (outcome.latencySeconds() != null) {
            counters.latencies = DeploymentCounters.append(counters.latencies, outcome.latencySeconds(), keep);
            counters.latencyTimes = DeploymentCounters.append(counters.latencyTimes, outcome.endedAtMillis(), keep);
        }
        if (outcome.firstTokenSeconds() != null) {
            counters.firstTokenLatencies =
                    DeploymentCounters.append(counters.firstTokenLatencies, outcome.firstTokenSeconds(), keep);
            counters.firstTokenTimes =
                    DeploymentCounters.append(counters.firstTokenTimes, outcome.endedAtMillis(), keep);
        }
        entry.setValue(counters);
        return counters.snapshot();
    }
}
