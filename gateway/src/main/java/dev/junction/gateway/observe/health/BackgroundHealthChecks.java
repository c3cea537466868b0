package dev.junction.gateway.observe.health;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.config.Deployment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code background_health_checks}: every deployment is checked once per {@code health_check_interval} by one
 * node of the cluster. Intervals are numbered from the epoch, so all nodes agree on them; for each interval
 * and deployment, a node checks only after it took the lease {@code <id>@<interval>} with one atomic
 * put-if-absent in a cluster map: exactly one node gets it. The member that owns the deployment's partition
 * claims it at once, so the checks spread over the cluster as the partitions do; any other node claims it
 * after half the interval, so that a dead member's deployments are still checked.
 */
public final class BackgroundHealthChecks implements AutoCloseable {
    static final String LEASES = "junction.health.leases";

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final HealthChecks checks;
    private final IMap<String, String> leases;
    private final String nodeId;
    private final long intervalMillis;
    /** The last interval in which this node tried to take each deployment's lease. */
    private final Map<String, Long> tried = new ConcurrentHashMap<>();

    private long timer = -1;

    public BackgroundHealthChecks(Vertx vertx, HazelcastInstance hazelcast, HealthChecks checks, String nodeId) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.checks = checks;
        this.leases = hazelcast.getMap(LEASES);
        this.nodeId = nodeId;
        this.intervalMillis = checks.settings().interval().toMillis();
    }

    /** Starts ticking: ten times per interval, at least every 5 s, at most every 100 ms. */
    public BackgroundHealthChecks start() {
        long tick = Math.max(100, Math.min(5_000, intervalMillis / 10));
        timer = vertx.setPeriodic(0, tick, id -> tick());
        return this;
    }

    private void tick() {
        long now = System.currentTimeMillis();
        long interval = now / intervalMillis;
        boolean late = now % intervalMillis > intervalMillis / 2;
        for (Deployment deployment : checks.deployments()) {
            Long last = tried.get(deployment.id());
            if (last != null && last == interval) {
                continue;
            }
            if (late || ownsPartitionOf(deployment.id())) {
                tried.put(deployment.id(), interval);
                claim(deployment, interval).onSuccess(won -> {
                    if (won) {
                        checks.check(deployment);
                    }
                });
            }
        }
    }

    private boolean ownsPartitionOf(String deploymentId) {
        try {
            var owner =
                    hazelcast.getPartitionService().getPartition(deploymentId).getOwner();
            return owner != null && owner.localMember();
        } catch (RuntimeException notRunning) {
            return false;
        }
    }

    /** Whether this node took the lease of the deployment for the interval. */
    private Future<Boolean> claim(Deployment deployment, long interval) {
        String lease = deployment.id() + "@" + interval;
        long keepMillis = 2 * intervalMillis + HealthChecks.timeout().toMillis();
        return vertx.executeBlocking(
                        () -> leases.putIfAbsent(lease, nodeId, keepMillis, TimeUnit.MILLISECONDS) == null, false)
                .otherwise(false);
    }

    Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
