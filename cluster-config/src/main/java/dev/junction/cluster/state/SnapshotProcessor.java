package dev.junction.cluster.state;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Reads a deployment's state without changing it; lets several keys be read in one asynchronous call. */
final class SnapshotProcessor implements EntryProcessor<String, DeploymentCounters, UsageSnapshot>, ReadOnly {
    private static final long serialVersionUID = 1L;

    @Override
    public UsageSnapshot process(Map.Entry<String, DeploymentCounters> entry) {
        return entry.getValue() == null ? UsageSnapshot.EMPTY : entry.getValue().snapshot();
    }

    @Override
    public EntryProcessor<String, DeploymentCounters, UsageSnapshot> getBackupProcessor() {
        return null;
    }
}
