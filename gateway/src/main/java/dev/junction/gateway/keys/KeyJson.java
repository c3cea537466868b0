package dev.junction.gateway.keys;

import static dev.junction.gateway.keys.JsonFields.instant;
import static dev.junction.gateway.keys.JsonFields.stringMap;
import static dev.junction.gateway.keys.JsonFields.strings;
import static dev.junction.gateway.keys.JsonFields.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/**
 * Keys and teams as JSON, in LiteLLM's field names: the shape the admin API answers with and the form in
 * which they travel through the cluster cache.
 */
public final class KeyJson {
    private KeyJson() {}

    public static JsonObject of(VirtualKey key) {
        return new JsonObject()
                .put("token", key.token())
                .put("key_name", key.keyName())
                .put("key_alias", key.keyAlias())
                .put("models", new JsonArray(key.models()))
                .put("expires", text(key.expires()))
                .put("max_budget", key.maxBudget())
                .put("budget_duration", key.budgetDuration())
                .put("budget_reset_at", text(key.budgetResetAt()))
                .put("rpm_limit", key.rpmLimit())
                .put("tpm_limit", key.tpmLimit())
                .put("max_parallel_requests", key.maxParallelRequests())
                .put("metadata", key.metadata().copy())
                .put("aliases", new JsonObject(new LinkedHashMap<>(key.aliases())))
                .put("team_id", key.teamId())
                .put("user_id", key.userId())
                .put("spend", key.spend())
                .put("blocked", key.blocked())
                .put("created_at", text(key.createdAt()))
                .put("updated_at", text(key.updatedAt()))
                .put("allowed_cache_controls", new JsonArray(key.allowedCacheControls()));
    }

    public static VirtualKey key(JsonObject json) {
        return new VirtualKey(
                        json.getString("token"),
                        json.getString("key_name"),
                        json.getString("key_alias"),
                        strings(json.getJsonArray("models")),
                        instant(json.getString("expires")),
                        json.getDouble("max_budget"),
                        json.getString("budget_duration"),
                        instant(json.getString("budget_reset_at")),
                        json.getLong("rpm_limit"),
                        json.getLong("tpm_limit"),
                        json.getInteger("max_parallel_requests"),
                        json.getJsonObject("metadata"),
                        stringMap(json.getJsonObject("aliases")),
                        json.getString("team_id"),
                        json.getString("user_id"),
                        json.getDouble("spend", 0.0),
                        json.getBoolean("blocked", false),
                        instant(json.getString("created_at")),
                        instant(json.getString("updated_at")))
                .withAllowedCacheControls(strings(json.getJsonArray("allowed_cache_controls")));
    }

    public static JsonObject of(Team team) {
        return new JsonObject()
                .put("team_id", team.teamId())
                .put("team_alias", team.teamAlias())
                .put("models", new JsonArray(team.models()))
                .put("model_aliases", new JsonObject(new LinkedHashMap<>(team.modelAliases())))
                .put("max_budget", team.maxBudget())
                .put("budget_duration", team.budgetDuration())
                .put("budget_reset_at", text(team.budgetResetAt()))
                .put("rpm_limit", team.rpmLimit())
                .put("tpm_limit", team.tpmLimit())
                .put("max_parallel_requests", team.maxParallelRequests())
                .put("metadata", team.metadata().copy())
                .put("spend", team.spend())
                .put("blocked", team.blocked())
                .put("created_at", text(team.createdAt()))
                .put("updated_at", text(team.updatedAt()))
                .put("organization_id", team.organizationId());
    }

    public static Team team(JsonObject json) {
        return new Team(
                json.getString("team_id"),
                json.getString("team_alias"),
                strings(json.getJsonArray("models")),
                stringMap(json.getJsonObject("model_aliases")),
                json.getDouble("max_budget"),
                json.getString("budget_duration"),
                instant(json.getString("budget_reset_at")),
                json.getLong("rpm_limit"),
                json.getLong("tpm_limit"),
                json.getInteger("max_parallel_requests"),
                json.getJsonObject("metadata"),
                json.getDouble("spend", 0.0),
                json.getBoolean("blocked", false),
                instant(json.getString("created_at")),
                instant(json.getString("updated_at")),
                json.getString("organization_id"));
    }
}
