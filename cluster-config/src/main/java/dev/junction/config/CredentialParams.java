package dev.junction.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameter names, in LiteLLM's vocabulary, that carry a credential or choose where a call is sent. A
 * client may send none of them unless {@code general_settings.allow_client_side_credentials} is set: with an
 * endpoint of its choosing a client would receive the deployment's key, and with headers or stored
 * credential names it could borrow the gateway's.
 */
public final class CredentialParams {
    /** Names refused as they are (LiteLLM's credential, endpoint and observability-callback parameters). */
    private static final Set<String> NAMES = Set.of(
            "api_key",
            "api_base",
            "base_url",
            "api_version",
            "organization",
            "extra_headers",
            "headers",
            "user_config",
            "litellm_credential_name",
            "tenant_id",
            "client_id",
            "client_secret",
            "s3_endpoint_url",
            "sagemaker_base_url",
            "deployment_url",
            "langfuse_public_key",
            "langfuse_secret",
            "langfuse_secret_key",
            "langfuse_host",
            "langsmith_api_key",
            "langsmith_project",
            "langsmith_base_url",
            "langsmith_tenant_id",
            "humanloop_api_key",
            "arize_api_key",
            "arize_space_key",
            "arize_space_id",
            "posthog_api_key",
            "posthog_host",
            "posthog_api_url",
            "braintrust_api_key",
            "braintrust_project",
            "braintrust_host",
            "slack_webhook_url",
            "lunary_public_key",
            "dd_api_key",
            "dd_site",
            "dd_agent_host",
            "dd_agent_port",
            "newrelic_api_key",
            "newrelic_region",
            "gcs_bucket_name",
            "gcs_path_service_account",
            "wandb_api_key",
            "weave_project_id",
            "phoenix_project_name");

    /**
     * Families refused by prefix: every AWS ({@code aws_access_key_id}, {@code aws_secret_access_key},
     * {@code aws_session_token}, {@code aws_role_name}, {@code aws_web_identity_token}, {@code
     * aws_bedrock_runtime_endpoint}, {@code aws_sts_endpoint}, {@code aws_profile_name}, ...), Azure ({@code
     * azure_ad_token}, {@code azure_client_secret}, {@code azure_password}, ...) and Vertex ({@code
     * vertex_credentials}, {@code vertex_project}, {@code vertex_location}, ...) parameter.
     */
    private static final List<String> PREFIXES = List.of("aws_", "azure_", "vertex_");

    /** Name fragments of parameters whose value is a secret, wherever a deployment sets them. */
    private static final List<String> SECRET_FRAGMENTS = List.of("key", "token", "secret", "password", "credential");

    private CredentialParams() {}

    /** Whether a request parameter of this name is a credential or an endpoint (any letter case). */
    public static boolean isCredentialOrEndpoint(String name) {
        // Runs for every field of every request: lower-case a copy only when the name has capitals.
        String lower = hasCapitals(name) ? name.toLowerCase(Locale.ROOT) : name;
        if (NAMES.contains(lower)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCapitals(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a deployment's parameter holds a secret: headers (which often carry one), or a text under a
     * name that speaks of a key, token, password, secret or credential. Numbers are never secrets ({@code
     * input_cost_per_token}, {@code max_tokens}). Such values are masked wherever they could reach a client,
     * and never sent to an endpoint a client chose.
     */
    public static boolean holdsSecret(String name, Object value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("headers") || lower.equals("extra_headers")) {
            return value != null;
        }
        if (!(value instanceof String)) {
            return false;
        }
        for (String fragment : SECRET_FRAGMENTS) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** The names refused exactly, sorted, and the prefixes refused: for documentation and tests. */
    public static List<String> exactNames() {
        return NAMES.stream().sorted().toList();
    }

    public static List<String> prefixes() {
        return PREFIXES;
    }
}
