package dev.junction.gateway.observe.health;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.state.RoutingState;
import dev.junction.config.Deployment;
import dev.junction.config.HealthCheckSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks and keeps their results for the cluster. A failed check takes the deployment out of
 * rotation until the next check (cluster-wide, as any cooldown), unless it is the only one of its group:
 * that would turn every request of the group away on the word of one probe.
 */
public final class HealthChecks {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final HealthCheckSettings settings;
    private final List<Deployment> deployments;
    private final HealthProbe probe;
    private final HealthResults results;
    private final RoutingState state;
    private final Consumer<HealthResult> listener;

    /** @param listener told of every result (alerting watches for outages) */
    public HealthChecks(
            Vertx vertx,
            HazelcastInstance hazelcast,
            HealthCheckSettings settings,
            List<Deployment> deployments,
            RoutingState state,
            Consumer<HealthResult> listener) {
        this.settings = settings;
        this.deployments = unique(deployments);
        this.probe = new HealthProbe(vertx);
        this.results = new HealthResults(vertx, hazelcast);
        this.state = state;
        this.listener = listener;
    }

    private static List<Deployment> unique(List<Deployment> all) {
        Map<String, Deployment> byId = new java.util.LinkedHashMap<>();
        all.forEach(deployment -> byId.putIfAbsent(deployment.id(), deployment));
        return List.copyOf(byId.values());
    }

    HealthCheckSettings settings() {
        return settings;
    }

    List<Deployment> deployments() {
        return deployments;
    }

    /** Checks these deployments now, stores and acts on the results. */
    Future<List<HealthResult>> checkNow(List<Deployment> which) {
        List<Future<HealthResult>> checks = new ArrayList<>();
        for (Deployment deployment : which) {
            checks.add(probe.check(deployment).compose(result -> record(deployment, result)));
        }
        return Future.all(checks).map(done -> done.<HealthResult>list());
    }

    /** Checks one deployment (for the background schedule). */
    Future<HealthResult> check(Deployment deployment) {
        return probe.check(deployment).compose(result -> record(deployment, result));
    }

    private Future<HealthResult> record(Deployment deployment, HealthResult result) {
        listener.accept(result);
        // Kept for three intervals: a result no node has renewed since is stale, not a verdict.
        Future<Void> stored = results.put(result, settings.interval().multipliedBy(3));
        if (!result.healthy() && groupSize(deployment) > 1) {
            LOG.info(
                    "Health check of deployment {} of {} failed; out of rotation for {} s: {}",
                    deployment.id(),
                    deployment.modelName(),
                    settings.interval().toSeconds(),
                    result.error());
            state.coolDown(deployment.id(), settings.interval(), "health check failed");
        }
        return stored.recover(trouble -> {
                    LOG.warn("Could not store a health check result: {}", trouble.toString());
                    return Future.succeededFuture();
                })
                .map(result);
    }

    private long groupSize(Deployment deployment) {
        return deployments.stream()
                .filter(other -> other.modelName().equals(deployment.modelName()))
                .count();
    }

    /** The last results the cluster holds for these deployments. */
    Future<Map<String, HealthResult>> lastResults(List<Deployment> which) {
        return results.get(which.stream().map(Deployment::id).toList());
    }

    /** Deployments whose last check failed. */
    public Set<String> unhealthy() {
        return results.unhealthy();
    }

    static Duration timeout() {
        return HealthProbe.TIMEOUT;
    }
}
