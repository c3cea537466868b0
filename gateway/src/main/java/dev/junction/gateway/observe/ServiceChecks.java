package dev.junction.gateway.observe;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ObservabilitySettings;
import dev.junction.gateway.observe.alerts.Alerting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/services?service=...}: checks that an integration works, as LiteLLM's route does. For an
 * alert channel ({@code slack}, {@code webhook}) it sends a test alert now; for a callback it says whether it
 * is on.
 */
final class ServiceChecks {
    private final ObservabilitySettings settings;
    private final boolean prometheus;
    private final Alerting alerting;

    ServiceChecks(ObservabilitySettings settings, boolean prometheus, Alerting alerting) {
        this.settings = settings;
        this.prometheus = prometheus;
        this.alerting = alerting;
    }

    void serve(RoutingContext ctx) {
        String service = ctx.queryParams().get("service");
        if (service == null || service.isBlank()) {
            throw GatewayException.badField("service", "Query parameter 'service' is required");
        }
        check(service)
                .onComplete(
                        message -> ctx.response()
                                .putHeader("content-type", "application/json")
                                .end(new JsonObject()
                                        .put("status", "success")
                                        .put("message", message)
                                        .encode()),
                        ctx::fail);
    }

    private Future<String> check(String service) {
        switch (service) {
            case "slack", "webhook" -> {
                if (alerting == null || !alerting.channelNames().contains(service)) {
                    return failed(service, "is not configured: add it to general_settings.alerting");
                }
                return alerting.test().map("Test alert sent to " + alerting.channelNames() + "; verify it arrived");
            }
            case ObservabilitySettings.PROMETHEUS -> {
                return prometheus
                        ? Future.succeededFuture("Prometheus metrics are served at /metrics")
                        : failed(service, "is not on: add it to litellm_settings.callbacks");
            }
            case ObservabilitySettings.OTEL, ObservabilitySettings.LANGFUSE, ObservabilitySettings.GENERIC_API -> {
                return settings.has(service)
                        ? Future.succeededFuture(service + " is on; events are sent in batches as calls end")
                        : failed(service, "is not on: add it to litellm_settings.callbacks");
            }
            default -> {
                return Future.failedFuture(GatewayException.badField(
                        "service",
                        "Service " + service + " is not supported; one of slack, webhook, prometheus, otel, langfuse,"
                                + " generic_api"));
            }
        }
    }

    private static Future<String> failed(String service, String why) {
        return Future.failedFuture(GatewayException.badField("service", "Service " + service + " " + why));
    }
}
