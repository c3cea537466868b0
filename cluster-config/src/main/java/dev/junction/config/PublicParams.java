package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The part of a deployment's {@code litellm_params} that any caller of {@code /model/info} may see. An
 * allow-list: a credential under a name nobody thought of (a password in a custom parameter, a token in a
 * provider-specific field) stays hidden, where a list of banned names would show it.
 */
final class PublicParams {
    /** None of these carries a credential. */
    private static final Set<String> SHOWN = Set.of(
            "model",
            "api_base",
            "api_version",
            "custom_llm_provider",
            "rpm",
            "tpm",
            "rpd",
            "tpd",
            "timeout",
            "stream_timeout",
            "request_timeout",
            "max_retries",
            "num_retries",
            "weight",
            "order",
            "max_parallel_requests",
            "region_name",
            "cooldown_time",
            "input_cost_per_token",
            "output_cost_per_token",
            "tags",
            "base_model",
            "mock_response",
            "max_budget",
            "budget_duration",
            "supported_environments",
            "use_in_pass_through",
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "seed",
            "stop",
            "n",
            "presence_penalty",
            "frequency_penalty",
            "reasoning_effort",
            "drop_params");

    private PublicParams() {}

    /** The shown fields, with {@code api_base} stripped of its user info and query. */
    static JsonObject of(JsonObject litellmParams) {
        JsonObject shown = new JsonObject();
        litellmParams.forEach(entry -> {
            if (SHOWN.contains(entry.getKey())) {
                shown.put(entry.getKey(), entry.getValue());
            }
        });
        if (shown.getValue("api_base") instanceof String base) {
            shown.put("api_base", PublicUrl.of(base));
        }
        return shown;
    }
}
