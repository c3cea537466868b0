package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deployments a node serves: the config file's, then those added at run time (the model API), merged as
 * LiteLLM merges them: on an id clash the config file's entry wins. Each change builds a new immutable
 * {@link ModelResolver} and swaps it in whole, so a request resolves against one version or the next, never a
 * mix. Run-time versions only move forward: an older change arriving late is ignored.
 */
public final class LiveDeployments {
    private volatile Snapshot current;

    /**
     * @param version the cluster's config version of the run-time deployments
     * @param config the config file served (replaced by a reload)
     * @param runtime every run-time deployment of that version, shadowed ones included
     * @param deployments config entries first, then the run-time ones not shadowed
     * @param runtimeIds the ids of the run-time entries that are served
     */
    public record Snapshot(
            long version,
            JunctionConfig config,
            List<Deployment> runtime,
            List<Deployment> deployments,
            Set<String> runtimeIds,
            ModelResolver resolver) {}

    public LiveDeployments(JunctionConfig config) {
        this.current = build(0, config, List.of());
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
        return current.config().deployments().stream().anyMatch(d -> d.id().equals(deploymentId));
    }

    /**
     * Serves {@code runtime} (every run-time deployment of the cluster at {@code version}) from now on, unless
     * a newer version is already served.
     *
     * @return the version served afterwards
     */
    public synchronized long apply(long version, List<Deployment> runtime) {
        Snapshot served = current;
        if (version < served.version()) {
            return served.version();
        }
        current = build(version, served.config(), runtime);
        return version;
    }

    /** Serves the {@code model_list} of a reloaded config file, with the run-time deployments kept. */
    public synchronized void reload(JunctionConfig config) {
        Snapshot served = current;
        current = build(served.version(), config, served.runtime());
    }

    private static Snapshot build(long version, JunctionConfig config, List<Deployment> runtime) {
        Set<String> configIds = new LinkedHashSet<>();
        config.deployments().forEach(d -> configIds.add(d.id()));
        List<Deployment> merged = new ArrayList<>(config.deployments());
        Set<String> runtimeIds = new LinkedHashSet<>();
        for (Deployment deployment : runtime) {
            if (!configIds.contains(deployment.id()) && runtimeIds.add(deployment.id())) {
                merged.add(deployment);
            }
        }
        ModelResolver resolver = new ModelResolver(merged, config.router(), config.unservedGroups());
        return new Snapshot(
                version, config, List.copyOf(runtime), List.copyOf(merged), Set.copyOf(runtimeIds), resolver);
    }
}
