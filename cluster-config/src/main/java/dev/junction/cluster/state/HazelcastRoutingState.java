package dev.junction.cluster.state;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link RoutingState} on Hazelcast maps. Usage changes run as entry processors on the partition owner;
 * cooldowns are TTL puts whose events every node mirrors into a local map, so checking one never leaves the
 * node.
 */
public final class HazelcastRoutingState implements RoutingState {
    public static final String DEPLOYMENTS_MAP = "junction.deployments";
    public static final String COOLDOWNS_MAP = "junction.cooldowns";

    private final Vertx vertx;
    private final Clock clock;
    private final IMap<String, DeploymentCounters> deployments;
    private final IMap<String, CooldownEntry> cooldowns;
    private final Map<String, Long> localCooldowns = new ConcurrentHashMap<>();

    public HazelcastRoutingState(Vertx vertx, HazelcastInstance hazelcast, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.deployments = hazelcast.getMap(DEPLOYMENTS_MAP);
        this.cooldowns = hazelcast.getMap(COOLDOWNS_MAP);
        cooldowns.addEntryListener(new CooldownMirror(), true);
        // Cooldowns set before this node joined arrive with the map, not as events.
        cooldowns.forEach((id, entry) -> localCooldowns.merge(id, entry.untilEpochMillis(), Math::max));
    }

    private long window() {
        return RoutingState.windowOf(clock.millis());
    }

    @Override
    public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
        return Future.fromCompletionStage(
                deployments.submitToKey(deploymentId, new AdmitProcessor(window(), rpmLimit, tpmLimit, tokens)),
                vertx.getOrCreateContext());
    }

    @Override
    public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
        return Future.fromCompletionStage(
                deployments.submitToKey(deploymentId, new CompleteProcessor(outcome, window())),
                vertx.getOrCreateContext());
    }

    @Override
    public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
        long current = window();
        return Future.fromCompletionStage(
                        deployments.submitToKeys(new HashSet<>(deploymentIds), new SnapshotProcessor()),
                        vertx.getOrCreateContext())
                .map(found -> {
                    Map<String, UsageSnapshot> result = new HashMap<>();
                    for (String id : deploymentIds) {
                        UsageSnapshot snapshot = found.get(id);
                        result.put(id, snapshot == null ? UsageSnapshot.EMPTY.in(current) : snapshot.in(current));
                    }
                    return result;
                });
    }

    @Override
    public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
        long until = clock.millis() + duration.toMillis();
        localCooldowns.merge(deploymentId, until, Math::max);
        return Future.fromCompletionStage(
                cooldowns.setAsync(
                        deploymentId, new CooldownEntry(until, reason), duration.toMillis(), TimeUnit.MILLISECONDS),
                vertx.getOrCreateContext());
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        Long until = localCooldowns.get(deploymentId);
        if (until == null) {
            return Optional.empty();
        }
        long remaining = until - clock.millis();
        if (remaining <= 0) {
            localCooldowns.remove(deploymentId, until);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(remaining));
    }

    /** Mirrors the cluster's cooldowns into this node's memory as other nodes set them. */
    private final class CooldownMirror
            implements EntryAddedListener<String, CooldownEntry>,
                    EntryUpdatedListener<String, CooldownEntry>,
                    EntryRemovedListener<String, CooldownEntry>,
                    EntryExpiredListener<String, CooldownEntry> {

        @Override
        public void entryAdded(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.merge(event.getKey(), event.getValue().untilEpochMillis(), Math::max);
        }

        @Override
        public void entryUpdated(EntryEvent<String, CooldownEntry> event) {
            entryAdded(event);
        }

        @Override
        public void entryRemoved(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.remove(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.remove(event.getKey());
        }
    }
}
