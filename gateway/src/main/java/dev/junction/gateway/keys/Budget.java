package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.instant;
import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A budget (LiteLLM's LiteLLM_BudgetTable): limits that end users and organisations reference by id.
 *
 * @param budgetId the primary key
 * @param maxBudget USD per budget period (or in all), or null
 * @param softBudget USD past which LiteLLM alerts (stored, not acted on), or null
 * @param maxParallelRequests calls in flight at once, or null
 * @param tpmLimit tokens per minute, or null
 * @param rpmLimit requests per minute, or null
 * @param modelMaxBudget LiteLLM's per-model budgets (stored, not acted on). Not to be mutated.
 * @param budgetDuration LiteLLM duration text after which spend resets, or null
 * @param budgetResetAt when the first period ends, or null
 * @param createdBy who made it, or null
 * @param updatedBy who last changed it, or null
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 */
public record Budget(
        String budgetId,
        Double maxBudget,
        Double softBudget,
        Integer maxParallelRequests,
        Long tpmLimit,
        Long rpmLimit,
        JsonObject modelMaxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public Budget {
        Objects.requireNonNull(budgetId, "budgetId");
        modelMaxBudget = modelMaxBudget == null ? new JsonObject() : modelMaxBudget.copy();
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("budget_id", budgetId)
                .put("max_budget", maxBudget)
                .put("soft_budget", softBudget)
                .put("max_parallel_requests", maxParallelRequests)
                .put("tpm_limit", tpmLimit)
                .put("rpm_limit", rpmLimit)
                .put("model_max_budget", modelMaxBudget.copy())
                .put("budget_duration", budgetDuration)
                .put("budget_reset_at", text(budgetResetAt))
                .put("created_by", createdBy)
                .put("updated_by", updatedBy)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    public static Budget fromJson(JsonObject json) {
        return new Budget(
                json.getString("budget_id"),
                json.getDouble("max_budget"),
                json.getDouble("soft_budget"),
                json.getInteger("max_parallel_requests"),
                json.getLong("tpm_limit"),
                json.getLong("rpm_limit"),
                json.getJsonObject("model_max_budget"),
                json.getString("budget_duration"),
                instant(json.getString("budget_reset_at")),
                json.getString("created_by"),
                json.getString("updated_by"),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")));
    }
}
