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
 * A user (LiteLLM's internal user): a role, and models, limits and a budget that every key of the user shares.
 *
 * @param userId the primary key
 * @param userEmail an e-mail, unique in any case, or null
 * @param userAlias a human name, or null
 * @param userRole one of {@link UserRole}'s LiteLLM names
 * @param models the models the user's keys without a team may call; empty means every model
 * @param maxBudget USD the user's keys may spend together per budget period (or in all), or null
 * @param budgetDuration LiteLLM duration text after which spend resets, or null
 * @param budgetResetAt when the current budget period ends, or null
 * @param rpmLimit requests per minute over all the user's keys, or null
 * @param tpmLimit tokens per minute over all the user's keys, or null
 * @param maxParallelRequests calls in flight at once over all the user's keys, or null
 * @param metadata free-form. Not to be mutated.
 * @param spend USD the user's keys spent in the current budget period
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 */
public record User(
        String userId,
        String userEmail,
        String userAlias,
        String userRole,
        List<String> models,
        Double maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long rpmLimit,
        Long tpmLimit,
        Integer maxParallelRequests,
        JsonObject metadata,
        double spend,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        Objects.requireNonNull(userId, "userId");
        userRole = userRole == null ? UserRole.INTERNAL_USER.litellmName() : userRole;
        models = models == null ? List.of() : List.copyOf(models);
        metadata = metadata == null ? new JsonObject() : metadata.copy();
    }

    public UserRole role() {
        return UserRole.of(userRole).orElse(UserRole.INTERNAL_USER);
    }

    /** LiteLLM's LiteLLM_UserTable fields (its {@code teams} are added by whoever knows them). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("user_id", userId)
                .put("user_email", userEmail)
                .put("user_alias", userAlias)
                .put("user_role", userRole)
                .put("models", new JsonArray(models))
                .put("max_budget", maxBudget)
                .put("budget_duration", budgetDuration)
                .put("budget_reset_at", text(budgetResetAt))
                .put("rpm_limit", rpmLimit)
                .put("tpm_limit", tpmLimit)
                .put("max_parallel_requests", maxParallelRequests)
                .put("metadata", metadata.copy())
                .put("spend", spend)
                .put("created_at", text(createdAt))
                .put("updated_at", text(updatedAt));
    }

    public static User fromJson(JsonObject json) {
        return new User(
                json.getString("user_id"),
                json.getString("user_email"),
                json.getString("user_alias"),
                json.getString("user_role"),
                strings(json.getJsonArray("models")),
                json.getDouble("max_budget"),
                json.getString("budget_duration"),
                instant(json.getString("budget_reset_at")),
                json.getLong("rpm_limit"),
                json.getLong("tpm_limit"),
                json.getInteger("max_parallel_requests"),
                json.getJsonObject("metadata"),
                json.getDouble("spend", 0.0),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")));
    }
}
