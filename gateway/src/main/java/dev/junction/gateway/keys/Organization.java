package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.instant;
import static dev.junction.gateway.keys.JsonFields.strings;
import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An organisation: it owns teams, bounds their models, and holds them to its budget.
 *
 * @param organizationId the primary key
 * @param organizationAlias a human name
 * @param budgetId its budget (limits and {@code max_budget}); every organisation has one
 * @param models the models its teams may call; empty means every model
 * @param metadata free-form. Not to be mutated.
 * @param spend USD its teams' keys spent in the current budget period
 * @param budgetResetAt when its current budget period ends, or null
 * @param createdBy who made it, or null
 * @param updatedBy who last changed it, or null
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 */
public record Organization(
        String organizationId,
        String organizationAlias,
        String budgetId,
        List<String> models,
        JsonObject metadata,
        double spend,
        Instant budgetResetAt,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public Organization {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(budgetId, "budgetId");
        models = models == null ? List.of() : List.copyOf(models);
        metadata = metadata == null ? new JsonObject() : metadata.copy();
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("organization_id", organizationId)
                .put("organization_alias", organizationAlias)
                .put("budget_id", budgetId)
                .put("models", new JsonArray(models))
                .put("metadata", metadata.copy())
                .put("spend", spend)
                .put("budget_reset_at", text(budgetResetAt))
                .put("created_by", createdBy)
                .put("updated_by", updatedBy)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    public static Organization fromJson(JsonObject json) {
        return new Organization(
                json.getString("organization_id"),
                json.getString("organization_alias"),
                json.getString("budget_id"),
                strings(json.getJsonArray("models")),
                json.getJsonObject("metadata"),
                json.getDouble("spend", 0.0),
                instant(json.getString("budget_reset_at")),
                json.getString("created_by"),
                json.getString("updated_by"),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")));
    }
}
