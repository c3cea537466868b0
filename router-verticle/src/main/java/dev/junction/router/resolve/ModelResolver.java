package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.config.RouterSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a requested model name to the deployments that may serve it, in LiteLLM's order: a deployment
 * id, then a {@code model_group_alias}, then an exact {@code model_name}, then the wildcard names, then a
 * deployment's {@code litellm_params.model}. Immutable and built once per config.
 *
 * <p>An alias points at one target name, which is resolved by the later steps (group, wildcard, model
 * string) but never by id or by another alias: LiteLLM looks an alias up once and does not chain.
 */
public final class ModelResolver {
    private final Map<String, Deployment> byId = new LinkedHashMap<>();
    private final Map<String, List<Deployment>> byGroup = new LinkedHashMap<>();
    private final Map<String, List<Deployment>> byLitellmModel = new LinkedHashMap<>();
    private final Set<String> groupNames = new LinkedHashSet<>();
    private final WildcardRoutes wildcards;
    private final ModelAliases aliases;
    private final Map<String, String> unservedGroups;

    public ModelResolver(List<Deployment> deployments, RouterSettings settings) {
        this(deployments, settings, Map.of());
    }

    /** @param unservedGroups groups whose every deployment was skipped, with the provider Junction lacks */
    public ModelResolver(List<Deployment> deployments, RouterSettings settings, Map<String, String> unservedGroups) {
        this.unservedGroups = Map.copyOf(unservedGroups);
        for (Deployment deployment : deployments) {
            groupNames.add(deployment.modelName());
            // A wildcard entry only serves through its pattern: called literally it would send "*" upstream.
            if (WildcardPattern.isWildcard(deployment.modelName())) {
                continue;
            }
            byId.putIfAbsent(deployment.id(), deployment);
            byGroup.computeIfAbsent(deployment.modelName(), k -> new ArrayList<>())
                    .add(deployment);
            byLitellmModel
                    .computeIfAbsent(deployment.litellmModel(), k -> new ArrayList<>())
                    .add(deployment);
        }
        byGroup.replaceAll((k, v) -> List.copyOf(v));
        byLitellmModel.replaceAll((k, v) -> List.copyOf(v));
        this.wildcards = new WildcardRoutes(deployments);
        this.aliases = new ModelAliases(settings.merged().getJsonObject("model_group_alias"));
    }

    public static ModelResolver of(JunctionConfig config) {
        return new ModelResolver(config.deployments(), config.router(), config.unservedGroups());
    }

    public Optional<Resolution> resolve(String model) {
        if (model == null || model.isEmpty()) {
            return Optional.empty();
        }
        Deployment deployment = byId.get(model);
        if (deployment != null) {
            return Optional.of(new Resolution(deployment.modelName(), List.of(deployment), true, false, null));
        }
        Optional<ModelAliases.Alias> alias = aliases.get(model);
        if (alias.isPresent()) {
            return resolveName(alias.get().target()).map(target -> target.viaAlias(model));
        }
        return resolveName(model);
    }

    private Optional<Resolution> resolveName(String name) {
        List<Deployment> group = byGroup.get(name);
        if (group != null) {
            return Optional.of(Resolution.group(name, group));
        }
        Optional<Resolution> wildcard = wildcards.resolve(name);
        if (wildcard.isPresent()) {
            return wildcard;
        }
        // Reported under the deployment's own group, so fallbacks and policies of that group apply.
        List<Deployment> specific = byLitellmModel.get(name);
        return specific == null
                ? Optional.empty()
                : Optional.of(Resolution.group(specific.get(0).modelName(), specific));
    }

    /**
     * The names {@code /v1/models} lists: every {@code model_name} in config order (wildcard names as
     * written), then every alias that is not hidden.
     */
    public List<String> listedModelNames() {
        Set<String> names = new LinkedHashSet<>(groupNames);
        aliases.all().forEach((alias, target) -> {
            if (!target.hidden()) {
                names.add(alias);
            }
        });
        return List.copyOf(names);
    }

    /**
     * The provider that left the model group {@code name} (or the group an alias names) without deployments:
     * each of its entries named a provider Junction does not support.
     */
    public Optional<String> unservedProvider(String name) {
        String target = aliases.get(name).map(ModelAliases.Alias::target).orElse(name);
        return Optional.ofNullable(unservedGroups.get(target));
    }

    public boolean isHiddenAlias(String name) {
        return aliases.get(name).map(ModelAliases.Alias::hidden).orElse(false);
    }

    /** The deployments configured under an exact, non-wildcard {@code model_name}; empty when none. */
    public List<Deployment> group(String modelName) {
        return byGroup.getOrDefault(modelName, List.of());
    }
}
