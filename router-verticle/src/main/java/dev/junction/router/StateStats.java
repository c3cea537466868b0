package dev.junction.router;

import dev.junction.cluster.state.UsageSnapshot;
import dev.junction.router.stats.LatencySample;
import dev.junction.router.stats.StatsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cluster state's snapshots, seen through the strategies' read-only view. */
final class StateStats implements StatsView {
    private final Map<String, UsageSnapshot> snapshots;

    StateStats(Map<String, UsageSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    private UsageSnapshot of(String id) {
        return snapshots.getOrDefault(id, UsageSnapshot.EMPTY);
    }

    @Override
    public long requestsThisMinute(String deploymentId) {
        return of(deploymentId).requests();
    }

    @Override
    public long tokensThisMinute(String deploymentId) {
        return of(deploymentId).tokens();
    }

    @Override
    public long inFlight(String deploymentId) {
        return of(deploymentId).inFlight();
    }

    @Override
    public List<LatencySample> latencies(String deploymentId) {
        UsageSnapshot snapshot = of(deploymentId);
        return samples(snapshot.latencies(), snapshot.latencyTimes());
    }

    @Override
    public List<LatencySample> timesToFirstToken(String deploymentId) {
        UsageSnapshot snapshot = of(deploymentId);
        return samples(snapshot.firstTokenLatencies(), snapshot.firstTokenTimes());
    }

    private static List<LatencySample> samples(double[] values, long[] times) {
        List<LatencySample> samples = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            long at = i < times.length ? times[i] : 0;
            samples.add(new LatencySample(Instant.ofEpochMilli(at), values[i]));
        }
        return samples;
    }
}
