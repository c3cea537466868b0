package dev.junction.gateway.admin.spend;

import dev.junction.gateway.keys.store.SpendLogRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A spend log row in LiteLLM's field names (its LiteLLM_SpendLogs). */
final class SpendLogJson {
    private SpendLogJson() {}

    static JsonObject of(SpendLogRow row) {
        return new JsonObject()
                .put("request_id", row.requestId())
                .put("call_type", row.callType())
                .put("api_key", row.apiKey())
                .put("spend", row.spend())
                .put("total_tokens", row.totalTokens())
                .put("prompt_tokens", row.promptTokens())
                .put("completion_tokens", row.completionTokens())
                .put("startTime", SpendDates.time(row.startMillis()))
                .put("endTime", SpendDates.time(row.endMillis()))
                .put("model", row.model())
                .put("model_id", row.modelId())
                .put("model_group", row.modelGroup())
                .put("api_base", row.apiBase())
                .put("custom_llm_provider", row.provider())
                .put("user", row.userId())
                .put("team_id", row.teamId())
                .put("organization_id", row.organizationId())
                .put("end_user", row.endUser())
                .put("status", row.status())
                .put("cache_hit", row.cacheHit() ? "True" : "False")
                .put("cache_key", null)
                .put("request_tags", new JsonArray())
                .put(
                        "metadata",
                        new JsonObject()
                                .put("user_api_key", row.apiKey())
                                .put("user_api_key_alias", row.keyAlias())
                                .put("user_api_key_team_id", row.teamId())
                                .put("user_api_key_org_id", row.organizationId())
                                .put("user_api_key_user_id", row.userId())
                                .put("status", row.status()));
    }
}
