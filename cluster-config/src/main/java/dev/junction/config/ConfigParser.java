package dev.junction.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a LiteLLM {@code config.yaml}, already read into JSON, into a {@link JunctionConfig}. Pure: the
 * environment is passed in, so tests and the loader decide what {@code os.environ/} sees.
 */
public final class ConfigParser {
    private static final String ENVIRONMENT_VARIABLES = "environment_variables";
    private static final Set<String> HANDLED =
            Set.of("model_list", "litellm_settings", "router_settings", "general_settings", ENVIRONMENT_VARIABLES);

    /** LiteLLM sections Junction accepts but does not act on yet. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "callback_settings",
            "guardrails",
            "credential_list",
            "assistant_settings",
            "finetune_settings",
            "files_settings",
            "default_vertex_config",
            "mcp_servers",
            "vector_store_registry",
            "search_tools",
            "prompts");

    /**
     * @param raw the YAML document as JSON
     * @param processEnv the process environment, under {@code environment_variables}
     * @param source where the document came from, kept for logs
     * @throws ConfigException naming the YAML path of the first problem found
     */
    public JunctionConfig parse(JsonObject raw, Map<String, String> processEnv, String source) {
        JsonObject document = YamlValues.normalize(raw);
        ParseContext context = new ParseContext(Environment.of(processEnv));
        context.overlay(environmentVariables(document, context));
        reportSections(document, context);
        JsonObject resolved = EnvSubstitution.resolve(withoutEnvironmentVariables(document), "", context);
        List<Deployment> deployments = ModelListParser.parse(resolved.getValue("model_list"), context);
        GeneralSettings general = GeneralSettingsParser.parse(resolved.getValue("general_settings"), context);
        RouterSettings router = RouterSettingsParser.parse(
                resolved.getValue("litellm_settings"), resolved.getValue("router_settings"), context);
        ObservabilitySettings observability = ObservabilityParser.parse(
                resolved.getValue("litellm_settings"), resolved.getValue("general_settings"), context);
        RegionSources.check(deployments, general, context);
        CacheSettings cache = cacheSettings(resolved.getValue("litellm_settings"), deployments, context);
        KeyManagementSettings keyManagement = KeyManagementParser.parse(resolved.getValue("litellm_settings"), context);
        return new JunctionConfig(
                deployments,
                router,
                general,
                observability,
                context.ignoredKeys(),
                source,
                context.warnings(),
                context.skipped(),
                AccessControlKeys.unenforced(resolved, context.ignoredKeys()),
                cache,
                keyManagement);
    }

    private static CacheSettings cacheSettings(
            Object litellmSettings, List<Deployment> deployments, ParseContext context) {
        JsonObject section = Fields.object(context, litellmSettings, "litellm_settings");
        if (section == null) {
            return CacheSettings.disabled();
        }
        Set<String> groups = new java.util.HashSet<>();
        deployments.forEach(deployment -> groups.add(deployment.modelName()));
        return CacheSettingsParser.parse(section.getValue("cache"), section.getValue("cache_params"), groups, context);
    }

    /**
     * {@code environment_variables} as text. Their own {@code os.environ/} references read the process
     * environment only: the overlay is being built.
     */
    private static Map<String, String> environmentVariables(JsonObject document, ParseContext context) {
        JsonObject section = Fields.object(context, document.getValue(ENVIRONMENT_VARIABLES), ENVIRONMENT_VARIABLES);
        if (section == null) {
            return Map.of();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        EnvSubstitution.resolve(section, ENVIRONMENT_VARIABLES, context)
                .getMap()
                .forEach((name, value) -> {
                    String path = YamlPath.key(ENVIRONMENT_VARIABLES, name);
                    if (value instanceof JsonObject || value instanceof JsonArray) {
                        throw context.invalid(path, "a single value", value);
                    }
                    if (value != null) {
                        variables.put(name, PythonRepr.str(value)); // LiteLLM exports str(value)
                    }
                });
        return variables;
    }

    private static void reportSections(JsonObject document, ParseContext context) {
        for (String section : document.fieldNames()) {
            if (HANDLED.contains(section)) {
                continue;
            }
            context.ignore(section);
            if (!KNOWN_UNSUPPORTED.contains(section)) {
                context.warn(section, "not a LiteLLM config section Junction knows; check its spelling");
            }
        }
    }

    private static JsonObject withoutEnvironmentVariables(JsonObject document) {
        JsonObject copy = document.copy();
        copy.remove(ENVIRONMENT_VARIABLES);
        return copy;
    }
}
