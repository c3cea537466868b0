package dev.junction.cluster.state;

import com.hazelcast.map.EntryProcessor;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RoutingState} held in this JVM alone, with the same rules as the cluster's: the same entry processors
 * run on a local map. A node falls back on it when the cluster does not answer (see
 * {@link FailOpenRoutingState}); it then limits this node's own traffic only.
 */
public final class LocalRoutingState implements RoutingState {
    private final Clock clock;
    private final Map<String, DeploymentCounters> deployments = new HashMap<>();
    private final LocalCooldowns cooldowns;

    public LocalRoutingState(Clock clock) {
        this.clock = clock;
        this.cooldowns = new LocalCooldowns(clock);
    }

    private long window() {
        return RoutingState.windowOf(clock.millis());
    }

    @Override
    public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
        return Future.succeededFuture(run(deploymentId, new AdmitProcessor(window(), rpmLimit, tpmLimit, tokens)));
    }

    @Override
    public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
        return Future.succeededFuture(run(deploymentId, new CompleteProcessor(outcome, window())));
    }

    @Override
    public synchronized Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
        long current = window();
        Map<String, UsageSnapshot> result = new HashMap<>();
        for (String id : deploymentIds) {
            DeploymentCounters counters = deployments.get(id);
            result.put(id, (counters == null ? UsageSnapshot.EMPTY : counters.snapshot()).in(current));
        }
        return Future.succeededFuture(result);
    }

    @Override
    public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
        cooldowns.until(deploymentId, clock.millis() + duration.toMillis());
        return Future.succeededFuture();
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        return cooldowns.remaining(deploymentId);
    }

    /**
     * Runs a processor as Hazelcast would on the partition owner: alone on its entry. The processors change
     * counters in place, so every access to them holds this object's lock.
     */
    private synchronized <R> R run(String deploymentId, EntryProcessor<String, DeploymentCounters, R> processor) {
        Map.Entry<String, DeploymentCounters> entry =
                new AbstractMap.SimpleEntry<>(deploymentId, deployments.get(deploymentId));
        R result = processor.process(entry);
        if (entry.getValue() != null) {
            deployments.put(deploymentId, entry.getValue());
        }
        return result;
    }
}
