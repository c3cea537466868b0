package dev.junction.gateway.observe.health;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of one health check of one deployment.
 *
 * @param deploymentId the deployment checked
 * @param healthy whether it answered
 * @param error why not (already masked of credentials), or null
 * @param checkedAtMillis when the check ended (epoch millis)
 */
public record HealthResult(String deploymentId, boolean healthy, String error, long checkedAtMillis) {

    JsonObject toJson() {
        return new JsonObject()
                .put("id", deploymentId)
                .put("healthy", healthy)
                .put("error", error)
                .put("checked_at", checkedAtMillis);
    }

    static HealthResult fromJson(JsonObject json) {
        return new HealthResult(
                json.getString("id"),
                json.getBoolean("healthy", false),
                json.getString("error"),
                json.getLong("checked_at", 0L));
    }
}
