package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code model_list}: a concrete upstream model behind a public model group.
 *
 * @param id {@code model_info.id}, or the LiteLLM-compatible hash of the entry
 * @param modelName the public model group ({@code model_name})
 * @param litellmModel {@code litellm_params.model} as configured, e.g. {@code azure/gpt-4o-eu}
 * @param provider the provider the model string names
 * @param upstreamModel the model (or Azure deployment) name sent upstream, without the provider prefix
 * @param apiBase the endpoint, with the provider's default applied
 * @param apiKey the credential, or null
 * @param litellmParams every {@code litellm_params} value with {@code os.environ/} resolved
 * @param modelInfo {@code model_info} as configured, including {@code id}
 */
public record Deployment(
        String id,
        String modelName,
        String litellmModel,
        ProviderSpec provider,
        String upstreamModel,
        String apiBase,
        Secret apiKey,
        JsonObject litellmParams,
        JsonObject modelInfo) {

    /**
     * Whether a {@code litellm_params} name is a default for the provider's call ({@code temperature}, {@code
     * max_tokens}, a provider's own field), as opposed to LiteLLM's own configuration ({@link LitellmParams}).
     */
    public static boolean isCallDefault(String name) {
        return !LitellmParams.isLitellmOwn(name);
    }

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(litellmModel, "litellmModel");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        litellmParams = litellmParams == null ? new JsonObject() : litellmParams.copy();
        modelInfo = modelInfo == null ? new JsonObject() : modelInfo.copy();
    }

    public ProviderFamily family() {
        return provider.family();
    }

    public Optional<String> stringParam(String key) {
        Object value = litellmParams.getValue(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    public Optional<Object> mockResponse() {
        return Optional.ofNullable(litellmParams.getValue("mock_response"));
    }

    /**
     * Parameters that the deployment sets as defaults for every call ({@code temperature}, {@code
     * max_tokens}, {@code seed}, ...). The request's own values win over these.
     */
    public JsonObject defaultCallParams() {
        JsonObject defaults = new JsonObject();
        litellmParams.forEach(entry -> {
            if (isCallDefault(entry.getKey())) {
                defaults.put(entry.getKey(), entry.getValue());
            }
        });
        return defaults;
    }

    /**
     * What {@code /model/info} may show of {@code litellm_params}: only the fields known to hold no credential
     * (an allow-list, so a credential under a name nobody thought of stays hidden), and {@code api_base}
     * without its user info and query.
     */
    public JsonObject publicParams() {
        return PublicParams.of(litellmParams);
    }

    /**
     * This deployment with a caller's own endpoint or key, for requests that carry them (only allowed with
     * {@code general_settings.allow_client_side_credentials}). The id changes too, so nothing learnt about
     * the configured deployment (cooldowns, breakers) is charged to the caller's endpoint.
     *
     * <p>An endpoint of the caller's never receives the deployment's own secrets: with a client {@code
     * api_base} only the client's {@code api_key} is sent (none when it gave none), and the deployment's
     * other secrets ({@code azure_ad_token}, {@code headers}, ...) are dropped.
     */
    public Deployment withClientCredentials(String clientApiBase, String clientApiKey) {
        boolean clientEndpoint = clientApiBase != null;
        String base = clientEndpoint ? clientApiBase.replaceAll("/+$", "") : apiBase;
        Secret key = clientEndpoint || clientApiKey != null ? Secret.of(clientApiKey) : apiKey;
        JsonObject params = litellmParams.copy();
        if (clientEndpoint) {
            params.getMap()
                    .entrySet()
                    .removeIf(param -> CredentialParams.holdsSecret(param.getKey(), param.getValue()));
            params.put("api_base", base);
        }
        if (clientApiKey != null) {
            params.put("api_key", clientApiKey);
        }
        String clientId = id + "-client-" + Integer.toHexString((base + "|" + clientApiKey).hashCode());
        return new Deployment(clientId, modelName, litellmModel, provider, upstreamModel, base, key, params, modelInfo);
    }

    /** The Azure {@code api_version}, or the default Junction uses when none is configured. */
    public String apiVersion() {
        return stringParam("api_version").orElse("2024-10-21");
    }

    @Override
    public String toString() {
        return "Deployment[" + id + " " + modelName + " -> " + litellmModel + "]";
    }
}
