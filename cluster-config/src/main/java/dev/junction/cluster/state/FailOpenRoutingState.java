package dev.junction.cluster.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the request path going when the cluster state is slow or unreachable. Every cluster call gets a
 * deadline; a call that fails or misses it is answered by this node's {@link LocalRoutingState} instead (fail
 * open), with a warning. While that lasts each node enforces the limits on its own traffic only, so the cluster
 * as a whole may admit up to its size times a limit.
 *
 * <p>A cluster call that missed its deadline may still succeed later: its admission is then counted twice (in
 * the cluster and locally), which errs on the side of refusing.
 */
public final class FailOpenRoutingState implements RoutingState {
    /**
     * Long enough for Hazelcast to move a dead member's partitions to their backups (about a second on
     * loopback under load), short next to an LLM call.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(FailOpenRoutingState.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RoutingState cluster;
    private final LocalRoutingState local;
    private final long timeoutMillis;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final AtomicLong failuresSinceWarning = new AtomicLong();

    public FailOpenRoutingState(RoutingState cluster, LocalRoutingState local, Duration timeout) {
        this.cluster = cluster;
        this.local = local;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens) {
        return guarded(
                "admit a call on " + deploymentId,
                cluster.admit(deploymentId, rpmLimit, tpmLimit, tokens),
                () -> local.admit(deploymentId, rpmLimit, tpmLimit, tokens));
    }

    @Override
    public Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome) {
        return guarded(
                "record a call on " + deploymentId,
                cluster.complete(deploymentId, outcome),
                () -> local.complete(deploymentId, outcome));
    }

    @Override
    public Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds) {
        return guarded(
                "read usage of " + deploymentIds, cluster.snapshot(deploymentIds), () -> local.snapshot(deploymentIds));
    }

    @Override
    public Future<Void> coolDown(String deploymentId, Duration duration, String reason) {
        return guarded(
                "cool down " + deploymentId,
                cluster.coolDown(deploymentId, duration, reason),
                () -> local.coolDown(deploymentId, duration, reason));
    }

    @Override
    public Optional<Duration> cooldownRemaining(String deploymentId) {
        Optional<Duration> shared = cluster.cooldownRemaining(deploymentId);
        return shared.isPresent() ? shared : local.cooldownRemaining(deploymentId);
    }

    private <T> Future<T> guarded(String what, Future<T> call, Supplier<Future<T>> fallback) {
        return call.timeout(timeoutMillis, TimeUnit.MILLISECONDS).recover(failure -> {
            warn(what, failure);
            return fallback.get();
        });
    }

    /** One warning per interval, with the count of the others: an outage fails every call on the way. */
    private void warn(String what, Throwable failure) {
        long failures = failuresSinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            failuresSinceWarning.addAndGet(-failures);
            LOG.warn(
                    "Cluster state failed or took over {} ms ({} call(s) since the last warning), deciding on"
                            + " this node alone. Could not {}: {}",
                    timeoutMillis,
                    failures,
                    what,
                    failure.toString());
        }
    }
}
