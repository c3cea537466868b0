package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code model_list} into deployments, in file order. */
final class ModelListParser {
    private static final String PATH = "model_list";
    private static final Set<String> ENTRY_KEYS = Set.of("model_name", "litellm_params", "model_info", "rpm", "tpm");
    private static final List<String> ENVIRONMENTS = List.of("development", "staging", "production");
    static final String ENVIRONMENT_VARIABLE = "LITELLM_ENVIRONMENT";

    private ModelListParser() {}

    /** @param modelList the resolved {@code model_list} value, possibly null */
    static List<Deployment> parse(Object modelList, ParseContext context) {
        JsonArray entries = Fields.list(context, modelList, PATH);
        if (entries == null || entries.isEmpty()) {
            context.warn(PATH, "no deployments are configured; every model request will fail");
            return List.of();
        }
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = YamlPath.index(PATH, i);
            JsonObject entry = Fields.object(context, entries.getList().get(i), path);
            if (entry == null) {
                throw context.missing(path);
            }
            deployments.addAll(parseEntry(entry, path, context));
        }
        warnAboutDuplicateIds(deployments, context);
        return deployments;
    }

    static List<Deployment> parseEntry(JsonObject entry, String path, ParseContext context) {
        entry.fieldNames().stream()
                .filter(key -> !ENTRY_KEYS.contains(key))
                .forEach(key -> context.ignore(YamlPath.key(path, key)));
        String modelName =
                Fields.requiredString(context, entry.getValue("model_name"), YamlPath.key(path, "model_name"));
        String paramsPath = YamlPath.key(path, "litellm_params");
        JsonObject params = Fields.object(context, entry.getValue("litellm_params"), paramsPath);
        if (params == null) {
            throw context.missing(paramsPath);
        }
        String infoPath = YamlPath.key(path, "model_info");
        JsonObject modelInfo = Fields.object(context, entry.getValue("model_info"), infoPath);
        if (!loadedInThisEnvironment(modelInfo, infoPath, context)) {
            context.forget(path);
            return List.of();
        }
        DeploymentBuilder builder = new DeploymentBuilder(modelName, entry, path, modelInfo, context);
        List<Deployment> built = new ArrayList<>();
        for (JsonObject variant : variants(params, paramsPath, context)) {
            try {
                built.add(builder.build(variant));
            } catch (UnsupportedProviderException unsupported) {
                skip(modelName, unsupported, context);
                break; // every organisation of the entry names the same provider
            }
        }
        return built;
    }

    /** One warning per skipped entry; the rest of the config is served. */
    private static void skip(String modelName, UnsupportedProviderException unsupported, ParseContext context) {
        context.warn(
                unsupported.path(),
                "provider '" + unsupported.provider() + "' is not supported by Junction; this deployment of model '"
                        + modelName + "' is skipped (supported: " + String.join(", ", ProviderCatalog.prefixes())
                        + ")");
        context.skip(new SkippedDeployment(modelName, unsupported.provider(), unsupported.path()));
    }

    /**
     * One {@code litellm_params} per organisation when {@code organization} is a list, as LiteLLM expands
     * it; each copy keeps the key's position, so the id hashes the single organisation in place.
     */
    private static List<JsonObject> variants(JsonObject params, String paramsPath, ParseContext context) {
        if (!(params.getValue("organization") instanceof JsonArray)) {
            return List.of(params);
        }
        String orgPath = YamlPath.key(paramsPath, "organization");
        List<String> organizations = Fields.strings(context, params.getValue("organization"), orgPath);
        if (organizations.isEmpty()) {
            context.warn(orgPath, "an empty list creates no deployment");
        }
        return organizations.stream()
                .map(org -> params.copy().put("organization", org))
                .toList();
    }

    private static boolean loadedInThisEnvironment(JsonObject modelInfo, String infoPath, ParseContext context) {
        String path = YamlPath.key(infoPath, "supported_environments");
        List<String> supported =
                modelInfo == null ? null : Fields.strings(context, modelInfo.getValue("supported_environments"), path);
        if (supported == null) {
            return true;
        }
        for (int i = 0; i < supported.size(); i++) {
            if (!ENVIRONMENTS.contains(supported.get(i))) {
                throw context.invalid(
                        YamlPath.index(path, i), "one of " + String.join(", ", ENVIRONMENTS), supported.get(i));
            }
        }
        String current = context.environment().get(ENVIRONMENT_VARIABLE).orElse(null);
        if (current == null || !ENVIRONMENTS.contains(current)) {
            String problem = current == null ? "is not set" : "is '" + current + "'";
            throw new ConfigException(
                    path,
                    "the deployment lists supported environments, but " + ENVIRONMENT_VARIABLE + " " + problem
                            + "; set it to one of " + String.join(", ", ENVIRONMENTS));
        }
        return supported.contains(current);
    }

    private static void warnAboutDuplicateIds(List<Deployment> deployments, ParseContext context) {
        Map<String, Deployment> seen = new HashMap<>();
        for (Deployment deployment : deployments) {
            Deployment first = seen.putIfAbsent(deployment.id(), deployment);
            if (first != null) {
                context.warn(
                        PATH,
                        "deployment id " + deployment.id() + " of model " + deployment.modelName()
                                + " is used more than once; only the first is kept by id");
            }
        }
    }
}
