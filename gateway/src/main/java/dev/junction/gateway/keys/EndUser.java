package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.instant;
import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * An end user (LiteLLM's customer): whoever a request names in its {@code user} field, held to the limits of
 * its budget and to one region.
 *
 * @param userId the primary key: the requests' {@code user}
 * @param alias a human name, or null
 * @param blocked whether requests naming it are refused
 * @param spend USD its requests spent in the current budget period
 * @param allowedModelRegion {@code eu} or {@code us}: its requests go only to deployments of that {@code
 *     region_name}; or null
 * @param defaultModel LiteLLM's fallback model for it (stored, not acted on), or null
 * @param budgetId its budget, or null
 * @param budgetResetAt when its current budget period ends, or null
 * @param metadata free-form. Not to be mutated.
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 */
public record EndUser(
        String userId,
        String alias,
        boolean blocked,
        double spend,
        String allowedModelRegion,
        String defaultModel,
        String budgetId,
        Instant budgetResetAt,
        JsonObject metadata,
        Instant createdAt,
        Instant updatedAt) {

    public EndUser {
        Objects.requireNonNull(userId, "userId");
        metadata = metadata == null ? new JsonObject() : metadata.copy();
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("user_id", userId)
                .put("alias", alias)
                .put("blocked", blocked)
                .put("spend", spend)
                .put("allowed_model_region", allowedModelRegion)
                .put("default_model", defaultModel)
                .put("budget_id", budgetId)
                .put("budget_reset_at", text(budgetResetAt))
                .put("metadata", metadata.copy())
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    public static EndUser fromJson(JsonObject json) {
        return new EndUser(
                json.getString("user_id"),
                json.getString("alias"),
                json.getBoolean("blocked", false),
                json.getDouble("spend", 0.0),
                json.getString("allowed_model_region"),
                json.getString("default_model"),
                json.getString("budget_id"),
                instant(json.getString("budget_reset_at")),
                json.getJsonObject("metadata"),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")));
    }
}
