package dev.junction.cluster.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the request path going when the cluster state is slow or unreachable. Every cluster call gets a
 * deadline; a call that fails or misses it is answered by this node's {@link LocalRoutingState} instead (fail
 * open), with a warning, and the deployments it was about are then decided locally for a short while before
 * the cluster is tried again, so that an outage costs one deadline per deployment and period, not one per
 * request. While that lasts each node enforces the limits on its own traffic only, so the cluster as a whole
 * may admit up to its size times a limit. Deployments whose partitions answer keep the exact cluster count.
 *
 * <p>A cluster call that missed its deadline may still succeed later: its admission is then counted twice (in
 * the cluster and locally), which errs on the side of refusing.
 */
public final class FailOpenRoutingState implements RoutingState {
    /**
     * Long enough for Hazelcast to hand a dead member's partitions to their backups (requests waited at most
     * about a second for that in ClusterIT, three nodes on loopback under load), short next to an LLM call.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** How long a deployment whose cluster call failed is decided locally before the cluster is tried again. */
    public static final Duration DEFAULT_LOCAL_PERIOD = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(FailOpenRoutingState.class);

    private final RoutingState cluster;
    private final LocalRoutingState local;
    private final long timeoutMillis;
    private final long localPeriodNanos;
    /** Deployment id to the {@link System#nanoTime()} until which it is decided locally. */
    private final Map<String, Long> localUntil = new ConcurrentHashMap<>();

    private final WarningThrottle warnings = new WarningThrottle(Duration.ofSeconds(10));

    public FailOpenRoutingState(RoutingState cluster, LocalRoutingState local, Duration timeout, Duration localPeriod) {
        this.cluster = cluster;
        this.local = local;
        this.timeoutMillis = timeout.toMillis();
        this.localPeriodNanos = localPeriod.toNanos();
    }

    @Override
    public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
        return guarded(
                List.of(deploymentId),
                "admit a call",
                () -> cluster.admit(deploymentId, rpmLimit, tpmLimit, tokens),
                () -> local.admit(deploymentId, rpmLimit, tpmLimit, tokens));
    }

    @Override
    public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
        return guarded(
                List.of(deploymentId),
                "record a call",
                () -> cluster.complete(deploymentId, outcome),
                () -> local.complete(deploymentId, outcome));
    }

    @Override
    public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
        return guarded(
                deploymentIds,
                "read usage",
                () -> cluster.snapshot(deploymentIds),
                () -> local.snapshot(deploymentIds));
    }

    @Override
    public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
        return guarded(
                List.of(deploymentId),
                "cool down",
                () -> cluster.coolDown(deploymentId, duration, reason),
                () -> local.coolDown(deploymentId, duration, reason));
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        Optional<Duration> shared = cluster.cooldownRemaining(deploymentId);
        return shared.isPresent() ? shared : local.cooldownRemaining(deploymentId);
    }

    private <T> Future<T> guarded(
            Collection<String> ids, String what, Supplier<Future<T>> call, Supplier<Future<T>> fallback) {
        if (ids.stream().anyMatch(this::decidedLocally)) {
            return fallback.get();
        }
        return call.get().timeout(timeoutMillis, TimeUnit.MILLISECONDS).recover(failure -> {
            long until = System.nanoTime() + localPeriodNanos;
            ids.forEach(id -> localUntil.put(id, until));
            warn(what + " on " + ids, failure);
            return fallback.get();
        });
    }

    private boolean decidedLocally(String deploymentId) {
        Long until = localUntil.get(deploymentId);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        localUntil.remove(deploymentId, until);
        return false;
    }

    /** One warning per interval, with the count of the others: an outage fails many calls at once. */
    private void warn(String what, Throwable failure) {
        long failures = warnings.occurred();
        if (failures > 0) {
            LOG.warn(
                    "Cluster state failed or took over {} ms ({} call(s) since the last warning); deciding on this"
                            + " node alone for {} s. Could not {}: {}",
                    timeoutMillis,
                    failures,
                    TimeUnit.NANOSECONDS.toSeconds(localPeriodNanos),
                    what,
                    failure.toString());
        }
    }
}
