package dev.junction.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A loaded, validated config file. Immutable; every node of a cluster should load the same one.
 *
 * @param deployments the {@code model_list}, in file order, with unsupported environments dropped
 * @param router router settings
 * @param general general settings
 * @param observability callbacks, logs, health checks and alerts
 * @param ignoredKeys YAML paths of keys Junction does not act on (reported once at start-up)
 * @param source where the config came from, for logs
 * @param warnings problems that do not stop the gateway (an unset optional environment variable, an empty
 *     {@code model_list}); logged once at start-up, never containing a secret value
 * @param skipped the {@code model_list} entries left out because Junction does not speak their provider
 * @param unenforcedAccessControls YAML paths of access controls the file sets that Junction does not enforce
 *     (the node refuses to start with any, unless told to go on)
 * @param cache the response cache ({@code litellm_settings.cache} and {@code cache_params})
 * @param keyManagement keys' defaults and bounds, who may make keys, new internal users' budgets
 */
public record JunctionConfig(
        List<Deployment> deployments,
        RouterSettings router,
        GeneralSettings general,
        ObservabilitySettings observability,
        List<String> ignoredKeys,
        String source,
        List<String> warnings,
        List<SkippedDeployment> skipped,
        List<String> unenforcedAccessControls,
        CacheSettings cache,
        KeyManagementSettings keyManagement) {

    public JunctionConfig {
        keyManagement = keyManagement == null ? KeyManagementSettings.NONE : keyManagement;
        cache = cache == null ? CacheSettings.disabled() : cache;
        deployments = List.copyOf(deployments);
        observability = observability == null ? ObservabilitySettings.defaults() : observability;
        ignoredKeys = List.copyOf(ignoredKeys);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        unenforcedAccessControls = unenforcedAccessControls == null ? List.of() : List.copyOf(unenforcedAccessControls);
    }

    public JunctionConfig(
            List<Deployment> deployments,
            RouterSettings router,
            GeneralSettings general,
            List<String> ignoredKeys,
            String source,
            List<String> warnings,
            List<SkippedDeployment> skipped) {
        this(
                deployments,
                router,
                general,
                ObservabilitySettings.defaults(),
                ignoredKeys,
                source,
                warnings,
                skipped,
                List.of(),
                CacheSettings.disabled(),
                KeyManagementSettings.NONE);
    }

    public JunctionConfig(
            List<Deployment> deployments,
            RouterSettings router,
            GeneralSettings general,
            List<String> ignoredKeys,
            String source,
            List<String> warnings) {
        this(deployments, router, general, ignoredKeys, source, warnings, List.of());
    }

    public JunctionConfig(
            List<Deployment> deployments,
            RouterSettings router,
            GeneralSettings general,
            List<String> ignoredKeys,
            String source) {
        this(deployments, router, general, ignoredKeys, source, List.of());
    }

    /** Public model group names in the order they first appear. */
    public Set<String> modelGroups() {
        return deployments.stream()
                .map(Deployment::modelName)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * The model groups left without any deployment because each of theirs names a provider Junction does not
     * speak, with that provider (the first one, when they differ).
     */
    public Map<String, String> unservedGroups() {
        Set<String> served = modelGroups();
        Map<String, String> unserved = new java.util.LinkedHashMap<>();
        for (SkippedDeployment skip : skipped) {
            if (!served.contains(skip.modelName())) {
                unserved.putIfAbsent(skip.modelName(), skip.provider());
            }
        }
        return unserved;
    }

    public Map<String, Deployment> deploymentsById() {
        return deployments.stream()
                .collect(Collectors.toMap(Deployment::id, Function.identity(), (first, second) -> first));
    }
}
