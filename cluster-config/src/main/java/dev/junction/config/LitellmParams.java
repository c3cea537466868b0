package dev.junction.config;

import java.util.Set;

/**
 * The names of {@code litellm_params} that configure LiteLLM itself (routing, retries, limits, costs, prompt
 * templates, credentials, logging) rather than the provider's call: LiteLLM takes them out of the call
 * ({@code all_litellm_params} and its named arguments), so they never reach a provider's body. Every other
 * name a deployment sets is a call default sent upstream ({@code temperature}, {@code max_tokens}, a
 * provider's own field).
 */
public final class LitellmParams {
    private static final Set<String> NAMES = Set.of(
            // the call's target and how it is sent
            "model",
            "custom_llm_provider",
            "api_key",
            "api_base",
            "api_version",
            "organization",
            "azure_ad_token",
            "azure_ad_token_provider",
            "extra_headers",
            "headers",
            "tenant_id",
            "client_id",
            "client_secret",
            "litellm_credential_name",
            "use_in_pass_through",
            "deployment_id",
            // routing, reliability, limits
            "rpm",
            "tpm",
            "rpd",
            "tpd",
            "max_parallel_requests",
            "weight",
            "order",
            "region_name",
            "allowed_model_region",
            "cooldown_time",
            "timeout",
            "stream_timeout",
            "request_timeout",
            "force_timeout",
            "max_retries",
            "num_retries",
            "retry_policy",
            "retry_strategy",
            "fallbacks",
            "context_window_fallback_dict",
            "max_fallbacks",
            "fallback_depth",
            "tags",
            "tag_regex",
            "max_budget",
            "budget_duration",
            "supported_environments",
            "configurable_clientside_auth_params",
            "drop_params",
            "additional_drop_params",
            "allowed_openai_params",
            // model facts and prices
            "base_model",
            "hf_model_name",
            "model_info",
            "supports_system_message",
            // prompt templates and message shaping
            "initial_prompt_value",
            "roles",
            "final_prompt_value",
            "bos_token",
            "eos_token",
            "user_continue_message",
            "assistant_continue_message",
            "ensure_alternating_roles",
            "merge_reasoning_content_in_choices",
            "disable_add_transform_inline_image_block",
            // testing, caching, logging
            "mock_response",
            "mock_timeout",
            "metadata",
            "litellm_metadata",
            "litellm_trace_id",
            "litellm_call_id",
            "caching",
            "cache",
            "ttl",
            "no-log",
            "cache_key",
            "preset_cache_key",
            "caching_groups",
            "turn_off_message_logging",
            "guardrails",
            "prompt_id",
            "prompt_variables",
            "provider_specific_header",
            "fastest_response",
            "model_config",
            "proxy_server_request",
            "verbose",
            "logger_fn",
            "use_client",
            "id");

    private LitellmParams() {}

    /** Whether a {@code litellm_params} name is LiteLLM's own, never part of a provider's request body. */
    public static boolean isLitellmOwn(String name) {
        return NAMES.contains(name) || isCost(name) || CredentialParams.isCredentialOrEndpoint(name);
    }

    /**
     * Prices: {@code input_cost_per_token}, {@code output_cost_per_second}, {@code cache_read_input_token_cost},
     * {@code input_cost_per_token_above_128k_tokens}, ...
     */
    private static boolean isCost(String name) {
        return name.contains("_cost_per_") || name.endsWith("_token_cost") || name.endsWith("_cost");
    }
}
