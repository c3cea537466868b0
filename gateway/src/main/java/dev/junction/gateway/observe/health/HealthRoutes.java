package dev.junction.gateway.observe.health;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: LiteLLM's answer, {@code healthy_endpoints}, {@code unhealthy_endpoints} and their
 * counts, each endpoint shown by its model and public parameters (never a key, header or URL credential).
 * With {@code background_health_checks} it answers from the cluster's last results; otherwise it checks the
 * deployments now. {@code ?model=} (a model group or a {@code litellm_params.model}) and {@code ?model_id=}
 * narrow it to some deployments.
 */
public final class HealthRoutes {
    private final HealthChecks checks;

    public HealthRoutes(HealthChecks checks) {
        this.checks = checks;
    }

    public void health(RoutingContext ctx) {
        List<Deployment> which =
                selected(ctx.queryParams().get("model"), ctx.queryParams().get("model_id"));
        Future<Map<String, HealthResult>> results = checks.settings().background()
                ? checks.lastResults(which)
                : checks.checkNow(which).map(list -> {
                    Map<String, HealthResult> byId = new java.util.HashMap<>();
                    list.forEach(result -> byId.put(result.deploymentId(), result));
                    return byId;
                });
        results.onComplete(
                done -> ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(answer(which, done).encode()),
                ctx::fail);
    }

    private List<Deployment> selected(String model, String modelId) {
        List<Deployment> all = checks.deployments();
        if (modelId != null) {
            List<Deployment> byId =
                    all.stream().filter(d -> d.id().equals(modelId)).toList();
            if (byId.isEmpty()) {
                throw GatewayException.badField("model_id", "No deployment with model_id=" + modelId);
            }
            return byId;
        }
        if (model != null) {
            List<Deployment> byName = all.stream()
                    .filter(d -> d.modelName().equals(model) || d.litellmModel().equals(model))
                    .toList();
            if (byName.isEmpty()) {
                throw GatewayException.of(ErrorKind.INVALID_MODEL, "No deployment of model=" + model)
                        .withParam("model");
            }
            return byName;
        }
        return all;
    }

    private JsonObject answer(List<Deployment> which, Map<String, HealthResult> results) {
        JsonArray healthy = new JsonArray();
        JsonArray unhealthy = new JsonArray();
        for (Deployment deployment : which) {
            HealthResult result = results.get(deployment.id());
            if (result == null) {
                continue; // not checked yet (background checks), or its result expired
            }
            JsonObject endpoint = endpoint(deployment, checks.settings().details());
            if (result.healthy()) {
                healthy.add(endpoint);
            } else {
                unhealthy.add(endpoint.put("error", result.error()));
            }
        }
        return new JsonObject()
                .put("healthy_endpoints", healthy)
                .put("unhealthy_endpoints", unhealthy)
                .put("healthy_count", healthy.size())
                .put("unhealthy_count", unhealthy.size());
    }

    /** How LiteLLM shows an endpoint: its model, and with details its public routing parameters. */
    static JsonObject endpoint(Deployment deployment, boolean details) {
        JsonObject endpoint = new JsonObject().put("model", deployment.litellmModel());
        if (!details) {
            return endpoint;
        }
        endpoint.put("model_id", deployment.id())
                .put("custom_llm_provider", deployment.provider().prefix());
        if (deployment.apiBase() != null) {
            endpoint.put("api_base", PublicUrl.of(deployment.apiBase()));
        }
        endpoint.put("mode", HealthProbe.mode(deployment));
        for (String key : new String[] {"api_version", "base_model", "rpm", "tpm", "region_name"}) {
            Object value = deployment.litellmParams().getValue(key);
            if (value != null) {
                endpoint.put(key, value);
            }
        }
        return endpoint;
    }
}
