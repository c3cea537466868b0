package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deployments a node serves: the config file's, then those added at run time (the model API), merged as
 * LiteLLM merges them: on an id clash the config file's entry wins. Each change builds a new immutable
 * {@link ModelResolver} and swaps it in whole, so a request resolves against one version or the next, never a
 * mix. Versions only move forward: an older change arriving late is ignored.
 */
public final class LiveDeployments {
    private final JunctionConfig config;
    private final Set<String> configIds;
    private volatile Snapshot current;

    /**
     * @param version the cluster's config version these deployments belong to
     * @param deployments config entries first, then run-time ones
     * @param runtimeIds the ids of the run-time entries that are served (not shadowed by the config)
     */
    public record Snapshot(
            long version, List<Deployment> deployments, Set<String> runtimeIds, ModelResolver resolver) {}

    public LiveDeployments(JunctionConfig config) {
        this.config = config;
        this.configIds = config.deployments().stream().map(Deployment::id).collect(Collectors.toUnmodifiableSet());
        this.current = new Snapshot(0, config.deployments(), Set.of(), ModelResolver.of(config));
    }

    public Snapshot current() {
        return current;
    }

    public ModelResolver resolver() {
        return current.resolver();
    }

    public List<Deployment> deployments() {
        return current.deployments();
    }

    public boolean fromConfig(String deploymentId) {
        return configIds.contains(deploymentId);
    }

    /**
     * Serves {@code runtime} (every run-time deployment of the cluster at {@code version}) from now on, unless
     * a newer version is already served.
     *
     * @return the version served afterwards
     */
    public synchronized long apply(long version, List<Deployment> runtime) {
        if (version < current.version()) {
            return current.version();
        }
        List<Deployment> merged = new ArrayList<>(config.deployments());
        Set<String> runtimeIds = new LinkedHashSet<>();
        for (Deployment deployment : runtime) {
            if (!configIds.contains(deployment.id()) && runtimeIds.add(deployment.id())) {
                merged.add(deployment);
            }
        }
        ModelResolver resolver = new ModelResolver(merged, config.router(), config.unservedGroups());
        current = new Snapshot(version, List.copyOf(merged), Set.copyOf(runtimeIds), resolver);
        return version;
    }
}
