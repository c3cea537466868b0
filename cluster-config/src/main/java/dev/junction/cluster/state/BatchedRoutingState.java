package dev.junction.cluster.state;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoutingState} whose request path never waits on the network: each node decides on its own view of
 * the cluster's usage plus its own changes, pushes its changes in one atomic entry-processor call per
 * deployment every sync interval, and takes the cluster's totals back with the answer.
 *
 * <p>The price is a bounded overshoot: an admission reaches the cluster with its node's next push, and the other
 * nodes see it with their own next exchange, each within an interval plus a round trip; so for a cluster-wide
 * request rate R a limit can be exceeded by about R x 2 x (interval + round trip) (the README's bound). When
 * the cluster cannot be reached for a while, each node keeps to its share (limit / members) of every rpm
 * limit and pushes what it counted once the cluster answers again.
 */
public final class BatchedRoutingState implements RoutingState, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchedRoutingState.class);
    /** A push not answered in this time is taken as lost and sent again (counting it twice errs on the safe side). */
    private static final long PUSH_TIMEOUT_MILLIS = 10_000;

    /**
     * A view nobody on this node has used for this long is dropped rather than refreshed every interval: with
     * one view per virtual key and team, refreshing every key ever seen would grow without end. It comes back
     * (and is refreshed) on its next use.
     */
    private static final long FORGET_AFTER_MILLIS = 120_000;

    private final Vertx vertx;
    private final Clock clock;
    private final HazelcastRoutingState cooldowns;
    private final HazelcastInstance hazelcast;
    private final IMap<String, DeploymentCounters> deployments;
    private final Duration syncInterval;
    private final Duration staleAfter;
    private final Map<String, LocalView> views = new ConcurrentHashMap<>();
    private final long timerId;
    private volatile long lastSyncMillis;
    private volatile int members = 1;
    private volatile boolean degraded;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /** @param cooldowns the strict state, whose cooldown handling (TTL puts, mirrored locally) is reused */
    public BatchedRoutingState(
            Vertx vertx,
            HazelcastInstance hazelcast,
            HazelcastRoutingState cooldowns,
            Clock clock,
            Duration syncInterval) {
        this.vertx = vertx;
        this.clock = clock;
        this.cooldowns = cooldowns;
        this.hazelcast = hazelcast;
        this.deployments = hazelcast.getMap(HazelcastRoutingState.DEPLOYMENTS_MAP);
        this.syncInterval = syncInterval;
        this.staleAfter = Duration.ofMillis(Math.max(3000, syncInterval.toMillis() * 50));
        this.lastSyncMillis = clock.millis();
        this.members = hazelcast.getCluster().getMembers().size();
        this.timerId = vertx.setPeriodic(Math.max(1, syncInterval.toMillis()), id -> sync());
    }

    private long window() {
        return RoutingState.windowOf(clock.millis());
    }

    private LocalView view(String deploymentId) {
        long now = clock.millis();
        LocalView known = views.get(deploymentId);
        if (known != null) {
            known.lastUsedMillis = now;
            // sync() forgets a view only when its last use is old, checked under the map's lock; after the
            // touch above it can no longer forget this one, so if it is still mapped it is the live view.
            if (views.get(deploymentId) == known) {
                return known;
            }
        }
        return views.compute(deploymentId, (id, view) -> {
            LocalView used = view == null ? new LocalView() : view;
            used.lastUsedMillis = now;
            return used;
        });
    }

    @Override
    public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
        return Future.succeededFuture(
                view(deploymentId).admit(window(), rpmLimit, tpmLimit, tokens, degraded, members));
    }

    @Override
    public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
        return Future.succeededFuture(view(deploymentId).complete(window(), outcome));
    }

    @Override
    public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
        long window = window();
        Map<String, UsageSnapshot> result = new HashMap<>();
        deploymentIds.forEach(id -> result.put(id, view(id).snapshot(window)));
        return Future.succeededFuture(result);
    }

    @Override
    public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
        return cooldowns.coolDown(deploymentId, duration, reason);
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        return cooldowns.cooldownRemaining(deploymentId);
    }

    /** Pushes every batch and refreshes idle views; runs on a timer, never on a request. */
    private void sync() {
        if (views.isEmpty()) {
            // Nothing to exchange, so no answer is overdue: without this, the first call after a quiet spell
            // found the last answer minutes old and took the cluster for silent.
            lastSyncMillis = clock.millis();
            return;
        }
        long window = window();
        long forgetBefore = clock.millis() - FORGET_AFTER_MILLIS;
        Map<String, Long> idle = new HashMap<>();
        List<Future<?>> pushes = new ArrayList<>();
        views.forEach((id, view) -> {
            UsageDelta batch = view.takeBatch(window);
            if (batch != null) {
                pushes.add(push(id, view, batch, window));
            } else if (view.idle() && view.lastUsedMillis < forgetBefore) {
                views.computeIfPresent(
                        id, (key, current) -> current.idle() && current.lastUsedMillis < forgetBefore ? null : current);
            } else if (view.idle()) {
                idle.put(id, view.pushes());
            }
        });
        // One refresh at a time: on a slow cluster, stacking them up would only make it slower.
        if (!idle.isEmpty() && refreshing.compareAndSet(false, true)) {
            deployments
                    .submitToKeys(idle.keySet(), new SnapshotProcessor())
                    .toCompletableFuture()
                    .orTimeout(PUSH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .whenComplete((found, failure) -> {
                        refreshing.set(false);
                        if (failure == null) {
                            found.forEach((id, snapshot) -> {
                                LocalView view = views.get(id);
                                if (view != null) {
                                    view.refreshed(snapshot, idle.get(id));
                                }
                            });
                            synced();
                        } else {
                            LOG.debug("Refreshing usage from the cluster failed: {}", failure.toString());
                        }
                    });
        }
        checkStaleness();
    }

    private Future<?> push(String id, LocalView view, UsageDelta batch, long window) {
        return Future.fromCompletionStage(deployments
                        .submitToKey(id, new ApplyDeltaProcessor(batch, window))
                        .toCompletableFuture()
                        .orTimeout(PUSH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .onSuccess(after -> {
                    view.pushed(after);
                    synced();
                })
                .onFailure(failure -> {
                    LOG.debug("Pushing usage of deployment {} failed: {}", id, failure.toString());
                    view.pushFailed();
                });
    }

    private void synced() {
        lastSyncMillis = clock.millis();
        members = hazelcast.getCluster().getMembers().size();
    }

    private void checkStaleness() {
        boolean stale = clock.millis() - lastSyncMillis > staleAfter.toMillis();
        if (stale && !degraded) {
            LOG.warn(
                    "No answer from the cluster for {} ms: enforcing this node's share (1/{}) of each rpm limit locally",
                    clock.millis() - lastSyncMillis,
                    members);
        } else if (!stale && degraded) {
            LOG.info("The cluster answers again: shared limits are enforced for the cluster once more");
        }
        degraded = stale;
    }

    /** How many deployments, keys and teams this node keeps a view of. */
    int viewCount() {
        return views.size();
    }

    /** Pushes what is left, for a clean shutdown. Blocking: call off the event loop. */
    public void flush() {
        vertx.cancelTimer(timerId);
        long window = window();
        views.forEach((id, view) -> {
            UsageDelta batch = view.takeBatch(window);
            if (batch != null) {
                try {
                    view.pushed(deployments
                            .submitToKey(id, new ApplyDeltaProcessor(batch, window))
                            .toCompletableFuture()
                            .get(2, TimeUnit.SECONDS));
                } catch (Exception failure) {
                    LOG.warn("Could not flush usage of deployment {}: {}", id, failure.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
