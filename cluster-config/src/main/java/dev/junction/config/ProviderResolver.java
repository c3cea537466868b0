package dev.junction.config;

import io.vertx.core.json.JsonObject;

/**
 * Works out from one entry's {@code litellm_params} which provider serves it, the model name sent upstream
 * and the endpoint.
 */
final class ProviderResolver {
    /**
     * The outcome for one deployment; {@code apiBase} is null only for a mocked deployment, {@code awsRegion}
     * for every provider but AWS's.
     */
    record Resolved(ProviderSpec spec, String upstreamModel, String apiBase, String awsRegion) {
        Resolved(ProviderSpec spec, String upstreamModel, String apiBase) {
            this(spec, upstreamModel, apiBase, null);
        }
    }

    private ProviderResolver() {}

    /**
     * @param params resolved {@code litellm_params}
     * @param path the YAML path of {@code params}
     */
    static Resolved resolve(JsonObject params, String path, ParseContext context) {
        String modelPath = YamlPath.key(path, "model");
        String model = Fields.requiredString(context, params.getValue("model"), modelPath);
        String customPath = YamlPath.key(path, "custom_llm_provider");
        String custom = Fields.string(context, params.getValue("custom_llm_provider"), customPath);
        // Checked before the provider, so a malformed endpoint fails start-up even on a deployment that is skipped.
        String givenBase = ApiBases.given(params, path, context);
        Resolved byModel = custom == null ? fromModel(model, modelPath) : fromCustom(custom, model, customPath);
        if (byModel.upstreamModel().isEmpty()) {
            throw new ConfigException(
                    modelPath, "no model name after '" + byModel.spec().prefix() + "/'");
        }
        ProviderSpec spec = byModel.spec();
        if (AwsEndpoints.isAws(spec)) {
            String region = AwsEndpoints.region(params, byModel.upstreamModel(), path, context);
            String endpoint =
                    givenBase != null ? givenBase : AwsEndpoints.endpoint(spec, params, region, path, context);
            return new Resolved(spec, byModel.upstreamModel(), endpoint, region);
        }
        return new Resolved(spec, byModel.upstreamModel(), apiBase(givenBase, params, path, spec, context));
    }

    private static Resolved fromModel(String model, String modelPath) {
        int slash = model.indexOf('/');
        if (slash < 0) {
            // LiteLLM infers the provider of a bare name such as gpt-4o or claude-3-opus from the name itself.
            return new Resolved(ProviderCatalog.forBareModel(model), model, null);
        }
        String prefix = model.substring(0, slash);
        ProviderSpec spec =
                ProviderCatalog.byPrefix(prefix).orElseThrow(() -> new UnsupportedProviderException(prefix, modelPath));
        return new Resolved(spec, model.substring(slash + 1), null);
    }

    // An explicit custom_llm_provider wins; a model string that repeats it as prefix loses the prefix.
    private static Resolved fromCustom(String custom, String model, String customPath) {
        ProviderSpec spec = ProviderCatalog.byPrefix(custom)
                .orElseThrow(() -> new UnsupportedProviderException(custom, customPath));
        String upstream = model.startsWith(custom + "/") ? model.substring(custom.length() + 1) : model;
        return new Resolved(spec, upstream, null);
    }

    private static String apiBase(
            String given, JsonObject params, String path, ProviderSpec spec, ParseContext context) {
        String basePath = YamlPath.key(path, "api_base");
        if (given != null) {
            return withSuffix(given, spec.apiBaseSuffix());
        }
        if (!spec.requiresApiBase()) {
            return spec.defaultApiBase();
        }
        if (params.getValue("mock_response") != null) {
            return null; // a mocked deployment never calls out, so it needs no endpoint
        }
        throw context.missing(basePath, "is required for provider '" + spec.prefix() + "' (or set mock_response)");
    }

    // A provider whose API lives under a path of the address users give LiteLLM gets that path appended.
    private static String withSuffix(String base, String suffix) {
        return suffix.isEmpty() || base.endsWith(suffix) ? base : base + suffix;
    }
}
