package dev.junction.cluster.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Admits a call if it fits under the limits, and counts it, in one atomic step. */
final class AdmitProcessor implements EntryProcessor<String, DeploymentCounters, Admission> {
    private static final long serialVersionUID = 1L;
    final long window;
    final long rpmLimit;
    final long tpmLimit;
    final long tokens;

    /** @param rpmLimit or {@link Long#MAX_VALUE}; @param tpmLimit or {@link Long#MAX_VALUE} */
    AdmitProcessor(long window, long rpmLimit, long tpmLimit, long tokens) {
        this.window = window;
        this.rpmLimit = rpmLimit;
        this.tpmLimit = tpmLimit;
        this.tokens = tokens;
    }

    @Override
    public Admission process(Map.Entry<String, DeploymentCounters> entry) {
        DeploymentCounters counters = entry.getValue() == null ? new DeploymentCounters() : entry.getValue();
        counters.roll(window);
        boolean fits = counters.requests + 1 <= rpmLimit && (counters.tokens + tokens <= tpmLimit || tokens == 0);
        if (fits) {
            counters.requests++;
            counters.tokens += tokens;
            counters.inFlight++;
            entry.setValue(counters);
        }
        return new Admission(fits, counters.snapshot());
    }
}
