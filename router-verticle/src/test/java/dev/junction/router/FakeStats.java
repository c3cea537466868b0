package dev.junction.router;

import dev.junction.router.stats.LatencySample;
import dev.junction.router.stats.StatsView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link StatsView} whose numbers tests set by hand. */
public final class FakeStats implements StatsView {
    private final Map<String, Long> requests = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();
    private final Map<String, Long> inFlight = new HashMap<>();
    private final Map<String, List<LatencySample>> latencies = new HashMap<>();
    private final Map<String, List<LatencySample>> ttft = new HashMap<>();

    public FakeStats requests(String id, long count) {
        requests.put(id, count);
        return this;
    }

    public FakeStats tokens(String id, long count) {
        tokens.put(id, count);
        return this;
    }

    public FakeStats inFlight(String id, long count) {
        inFlight.put(id, count);
        return this;
    }

    public FakeStats latency(String id, LatencySample... samples) {
        latencies.computeIfAbsent(id, k -> new ArrayList<>()).addAll(List.of(samples));
        return this;
    }

    public FakeStats timeToFirstToken(String id, LatencySample... samples) {
        ttft.computeIfAbsent(id, k -> new ArrayList<>()).addAll(List.of(samples));
        return this;
    }

    @Override
    public long requestsThisMinute(String deploymentId) {
        return requests.getOrDefault(deploymentId, 0L);
    }

    @Override
    public long tokensThisMinute(String deploymentId) {
        return tokens.getOrDefault(deploymentId, 0L);
    }

    @Override
    public long inFlight(String deploymentId) {
        return inFlight.getOrDefault(deploymentId, 0L);
    }

    @Override
    public List<LatencySample> latencies(String deploymentId) {
        return latencies.getOrDefault(deploymentId, List.of());
    }

    @Override
    public List<LatencySample> timesToFirstToken(String deploymentId) {
        return ttft.getOrDefault(deploymentId, List.of());
    }
}
