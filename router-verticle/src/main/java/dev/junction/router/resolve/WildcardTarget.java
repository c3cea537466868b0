package dev.junction.router.resolve;

import dev.junction.config.AwsEndpoints;
import dev.junction.config.Deployment;
import dev.junction.config.ProviderCatalog;
import dev.junction.config.ProviderSpec;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Turns a wildcard deployment into the concrete deployment that serves one request: the substituted model
 * string decides the provider and the upstream model name, as it would for a configured entry. The copy
 * keeps the wildcard deployment's id, credentials and other parameters.
 */
final class WildcardTarget {
    private WildcardTarget() {}

    /**
     * @param wildcard the configured deployment under a wildcard {@code model_name}
     * @param litellmModel its {@code litellm_params.model} after substitution, e.g. {@code groq/llama3}
     * @return the copy, or empty when the model string names no provider Junction can call there (an empty
     *     model after the prefix, or a provider that needs an {@code api_base} the deployment lacks)
     */
    static Optional<Deployment> of(Deployment wildcard, String litellmModel) {
        String custom = wildcard.litellmParams().getString("custom_llm_provider");
        ProviderSpec provider;
        String upstream;
        if (custom != null) {
            provider = ProviderCatalog.byPrefix(custom).orElse(wildcard.provider());
            upstream =
                    litellmModel.startsWith(custom + "/") ? litellmModel.substring(custom.length() + 1) : litellmModel;
        } else {
            int slash = litellmModel.indexOf('/');
            Optional<ProviderSpec> prefixed =
                    slash < 0 ? Optional.empty() : ProviderCatalog.byPrefix(litellmModel.substring(0, slash));
            provider = prefixed.orElseGet(() -> ProviderCatalog.forBareModel(litellmModel));
            upstream = prefixed.isPresent() ? litellmModel.substring(slash + 1) : litellmModel;
        }
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        String apiBase = apiBase(wildcard, provider);
        if (apiBase == null && wildcard.mockResponse().isEmpty()) {
            return Optional.empty();
        }
        JsonObject params = wildcard.litellmParams().copy().put("model", litellmModel);
        return Optional.of(new Deployment(
                wildcard.id(),
                wildcard.modelName(),
                litellmModel,
                provider,
                upstream,
                apiBase,
                wildcard.apiKey(),
                params,
                wildcard.modelInfo()));
    }

    // A configured api_base is the user's endpoint whatever the request names; without one, a request that
    // names another provider (groq/... through model "*") goes to that provider's public endpoint.
    private static String apiBase(Deployment wildcard, ProviderSpec provider) {
        if (provider.equals(wildcard.provider()) && wildcard.apiBase() != null) {
            return wildcard.apiBase(); // as the config resolved it, e.g. an AWS endpoint in its region
        }
        String given = wildcard.litellmParams().getString("api_base");
        if (given == null || given.isBlank()) {
            return AwsEndpoints.publicEndpoint(
                    provider, wildcard.stringParam("aws_region_name").orElse(null));
        }
        String base = given.trim().replaceAll("/+$", "");
        String suffix = provider.apiBaseSuffix();
        return suffix.isEmpty() || base.endsWith(suffix) ? base : base + suffix;
    }
}
