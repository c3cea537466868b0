package dev.junction.cluster.state;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final LocalCooldowns localCooldowns;

    public HazelcastRoutingState(Vertx vertx, HazelcastInstance hazelcast, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.localCooldowns = new LocalCooldowns(clock);
        this.deployments = hazelcast.getMap(DEPLOYMENTS_MAP);
        this.cooldowns = hazelcast.getMap(COOLDOWNS_MAP);
        cooldowns.addEntryListener(new CooldownMirror(), true);
        // Cooldowns set before this node joined arrive with the map, not as events.
        cooldowns.forEach((id, entry) -> localCooldowns.until(id, entry.untilEpochMillis()));
    }

    /**
     * The config of the two maps: one synchronous backup each, so that a member's death loses neither, and
     * merge policies that keep the larger usage and the later cooldown when a split brain heals.
     */
    public static List<MapConfig> mapConfigs() {
        return List.of(
                new MapConfig(DEPLOYMENTS_MAP)
                        .setBackupCount(1)
                        // Entry processors then work on the stored counters, not on a copy read from bytes and
                        // written back: every sync pushes one per busy deployment.
                        .setInMemoryFormat(InMemoryFormat.OBJECT)
                        .setMergePolicyConfig(mergePolicy(WindowCountMergePolicy.class)),
                new MapConfig(COOLDOWNS_MAP)
                        .setBackupCount(1)
                        .setMergePolicyConfig(mergePolicy(LaterCooldownMergePolicy.class)));
    }

    private static MergePolicyConfig mergePolicy(Class<?> policy) {
        return new MergePolicyConfig(policy.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE);
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
        localCooldowns.until(deploymentId, until);
        return Future.fromCompletionStage(
                cooldowns.setAsync(
                        deploymentId, new CooldownEntry(until, reason), duration.toMillis(), TimeUnit.MILLISECONDS),
                vertx.getOrCreateContext());
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        return localCooldowns.remaining(deploymentId);
    }

    /**
     * Mirrors the cluster's cooldowns into this node's memory as other nodes set them, and as a healed split
     * brain merges the other side's in.
     */
    private final class CooldownMirror
            implements EntryAddedListener<String, CooldownEntry>,
                    EntryUpdatedListener<String, CooldownEntry>,
                    EntryMergedListener<String, CooldownEntry>,
                    EntryRemovedListener<String, CooldownEntry>,
                    EntryExpiredListener<String, CooldownEntry> {

        @Override
        public void entryAdded(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.until(event.getKey(), event.getValue().untilEpochMillis());
        }

        @Override
        public void entryUpdated(EntryEvent<String, CooldownEntry> event) {
            entryAdded(event);
        }

        @Override
        public void entryMerged(EntryEvent<String, CooldownEntry> event) {
            entryAdded(event);
        }

        @Override
        public void entryRemoved(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.clear(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, CooldownEntry> event) {
            localCooldowns.clear(event.getKey());
        }
    }
}
