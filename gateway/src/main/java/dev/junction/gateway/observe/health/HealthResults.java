package dev.junction.gateway.observe.health;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The last health check of every deployment, kept for the whole cluster (whichever node checked it), so that
 * {@code /health} on any node answers from the same results. Each node also keeps the unhealthy ids in
 * memory through the map's events, for the {@code litellm_deployment_state} gauge.
 */
final class HealthResults {
    static final String MAP = "junction.health";

    private final Vertx vertx;
    private final IMap<String, String> results;
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    HealthResults(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.results = hazelcast.getMap(MAP);
        results.addEntryListener(
                (com.hazelcast.map.listener.EntryAddedListener<String, String>) event -> track(event.getValue()), true);
        results.addEntryListener(
                (com.hazelcast.map.listener.EntryUpdatedListener<String, String>) event -> track(event.getValue()),
                true);
        results.addEntryListener(
                (com.hazelcast.map.listener.EntryExpiredListener<String, String>)
                        event -> unhealthy.remove(event.getKey()),
                false);
    }

    private void track(String json) {
        HealthResult result = HealthResult.fromJson(new JsonObject(json));
        if (result.healthy()) {
            unhealthy.remove(result.deploymentId());
        } else {
            unhealthy.add(result.deploymentId());
        }
    }

    /** Keeps a result until {@code keepFor} has passed without a newer one. */
    Future<Void> put(HealthResult result, Duration keepFor) {
        return Future.fromCompletionStage(
                        results.setAsync(
                                result.deploymentId(),
                                result.toJson().encode(),
                                keepFor.toMillis(),
                                TimeUnit.MILLISECONDS),
                        vertx.getOrCreateContext())
                .mapEmpty();
    }

    /** The last results of these deployments; those never checked (or checked too long ago) are absent. */
    Future<Map<String, HealthResult>> get(Collection<String> ids) {
        return vertx.executeBlocking(
                () -> {
                    Map<String, HealthResult> found = new java.util.HashMap<>();
                    results.getAll(Set.copyOf(ids))
                            .forEach((id, json) -> found.put(id, HealthResult.fromJson(new JsonObject(json))));
                    return found;
                },
                false);
    }

    /** Deployments whose last check failed, as this node last heard. */
    Set<String> unhealthy() {
        return Set.copyOf(unhealthy);
    }
}
