package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns one {@code model_list} entry (one organisation of it) into a validated {@link Deployment}. */
final class DeploymentBuilder {
    /** Copied from the entry's top level into litellm_params when litellm_params lacks them. */
    private static final List<String> TOP_LEVEL_LIMITS = List.of("rpm", "tpm");

    // The router reads these as numbers, and a value from os.environ/ arrives as text: both are checked
    // here and stored as numbers.
    private static final Set<String> WHOLE_PARAMS =
            Set.of("rpm", "tpm", "rpd", "tpd", "max_retries", "num_retries", "max_parallel_requests", "order");
    private static final Set<String> NUMBER_PARAMS = Set.of(
            "timeout",
            "stream_timeout",
            "request_timeout",
            "weight",
            "cooldown_time",
            "input_cost_per_token",
            "output_cost_per_token",
            "max_budget");
    private static final Set<String> STRING_PARAMS = Set.of("api_key", "api_version", "region_name", "base_model");

    private final String modelName;
    private final String path;
    private final JsonObject modelInfo;
    private final JsonObject topLevelLimits = new JsonObject();
    private final ParseContext context;

    /**
     * @param entry the resolved {@code model_list} entry
     * @param path its YAML path, {@code model_list[i]}
     * @param modelInfo its {@code model_info}, or null
     */
    DeploymentBuilder(String modelName, JsonObject entry, String path, JsonObject modelInfo, ParseContext context) {
        this.modelName = modelName;
        this.path = path;
        this.modelInfo = modelInfo == null ? new JsonObject() : modelInfo;
        this.context = context;
        for (String limit : TOP_LEVEL_LIMITS) {
            Long value = Fields.nonNegativeInteger(context, entry.getValue(limit), YamlPath.key(path, limit));
            if (value != null) {
                topLevelLimits.put(limit, value);
            }
        }
    }

    /** @param params this deployment's resolved {@code litellm_params}, in file order */
    Deployment build(JsonObject params) {
        String paramsPath = YamlPath.key(path, "litellm_params");
        String id = id(params);
        // Checked before the provider, so a deployment that is skipped for its provider is still checked.
        JsonObject checked = checkedParams(params, paramsPath);
        ProviderResolver.Resolved provider = ProviderResolver.resolve(params, paramsPath, context);
        // After the id, which LiteLLM hashes from the file's own params.
        ProviderEnvironment.fill(provider.spec().prefix(), checked, context.environment());
        if (provider.awsRegion() != null) {
            // The region an AWS deployment signs for and is reached in, also read by the region pre-call check.
            checked.put(AwsEndpoints.REGION_PARAM, provider.awsRegion());
        }
        return new Deployment(
                id,
                modelName,
                checked.getString("model"),
                provider.spec(),
                provider.upstreamModel(),
                provider.apiBase(),
                Secret.of(checked.getString("api_key")),
                checked,
                modelInfo.copy().put("id", id));
    }

    private String id(JsonObject params) {
        Object given = modelInfo.getValue("id");
        if (given == null) {
            // Hashed before the top-level rpm/tpm are merged in, as LiteLLM does.
            return DeploymentIds.generate(modelName, params);
        }
        if (given instanceof Number number) {
            return PythonRepr.str(number);
        }
        return Fields.requiredString(context, given, YamlPath.key(YamlPath.key(path, "model_info"), "id"));
    }

    /** The params without absent values, with typed values checked and numbers stored as numbers. */
    private JsonObject checkedParams(JsonObject params, String paramsPath) {
        JsonObject out = new JsonObject();
        params.getMap().forEach((key, value) -> {
            Object checked = check(key, value, YamlPath.key(paramsPath, key));
            if (checked != null) {
                out.put(key, checked);
            }
        });
        topLevelLimits.getMap().forEach((limit, value) -> {
            if (out.getValue(limit) == null) {
                out.put(limit, value);
            }
        });
        return out;
    }

    private Object check(String key, Object value, String keyPath) {
        if (WHOLE_PARAMS.contains(key)) {
            return Fields.nonNegativeInteger(context, value, keyPath);
        } else if (NUMBER_PARAMS.contains(key)) {
            return Fields.nonNegativeNumber(context, value, keyPath);
        } else if (STRING_PARAMS.contains(key)) {
            return Fields.string(context, value, keyPath);
        } else if ("tag_regex".equals(key)) {
            return tagRegexes(value, keyPath);
        }
        return value;
    }

    /** Tag routing's {@code tag_regex}: checked here, so a pattern that does not compile stops the start. */
    private JsonArray tagRegexes(Object value, String keyPath) {
        List<String> patterns = Fields.strings(context, value, keyPath);
        if (patterns == null) {
            return null;
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Pattern.compile(patterns.get(i));
            } catch (PatternSyntaxException invalid) {
                throw new ConfigException(
                        YamlPath.index(keyPath, i), "is not a valid regular expression: " + invalid.getDescription());
            }
        }
        return new JsonArray(patterns);
    }
}
