package dev.junction.router.resolve;

import dev.junction.config.Deployment;
import dev.junction.config.JunctionConfig;
import dev.junction.config.RouterSettings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deployments a node serves: the config file's, then those added at run time (the model API), merged as
 * LiteLLM merges them: on an id clash the config file's entry wins. Each change builds a new immutable
 * {@link ModelResolver} and swaps it in whole, so a request resolves against one version or the next, never a
 * mix. The router settings changed at run time ({@code /config/update}) belong to the same version and the
 * same swap: a request sees the settings and the deployments of one version. Run-time versions only move
 * forward: an older change arriving late is ignored.
 */
public final class LiveDeployments {
    private volatile Snapshot current;

    /**
     * @param version the cluster's config version of the run-time deployments
     * @param config the config file served (replaced by a reload)
     * @param runtime every run-time deployment of that version, shadowed ones included
     * @param deployments config entries first, then the run-time ones not shadowed
     * @param runtimeIds the ids of the run-time entries that are served
     * @param overrides the router settings changed at run time, checked, laid over the file's
     * @param router the router settings served: the file's with {@code overrides} over them
     */
    public record Snapshot(
            long version,
            JunctionConfig config,
            List<Deployment> runtime,
            List<Deployment> deployments,
            Set<String> runtimeIds,
            JsonObject overrides,
            RouterSettings router,
            ModelResolver resolver) {}

    public LiveDeployments(JunctionConfig config) {
        this.current = build(0, config, List.of(), new JsonObject());
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
    public long apply(long version, List<Deployment> runtime) {
        return apply(version, runtime, new JsonObject());
    }

    /**
     * As {@link #apply(long, List)}, with the router settings changed at run time at that version.
     *
     * @param overrides checked router settings (see {@code RuntimeRouterSettings}), empty for none
     */
    public synchronized long apply(long version, List<Deployment> runtime, JsonObject overrides) {
        Snapshot served = current;
        if (version < served.version()) {
            return served.version();
        }
        current = build(version, served.config(), runtime, overrides);
        return version;
    }

    /** The router settings served now: the config file's, with those changed at run time over them. */
    public RouterSettings router() {
        return current.router();
    }

    /** Serves the {@code model_list} of a reloaded config file, with the run-time deployments kept. */
    public synchronized void reload(JunctionConfig config) {
        Snapshot served = current;
        current = build(served.version(), config, served.runtime(), served.overrides());
    }

    private static Snapshot build(long version, JunctionConfig config, List<Deployment> runtime, JsonObject overrides) {
        Set<String> configIds = new LinkedHashSet<>();
        config.deployments().forEach(d -> configIds.add(d.id()));
        List<Deployment> merged = new ArrayList<>(config.deployments());
        Set<String> runtimeIds = new LinkedHashSet<>();
        for (Deployment deployment : runtime) {
            if (!configIds.contains(deployment.id()) && runtimeIds.add(deployment.id())) {
                merged.add(deployment);
            }
        }
        RouterSettings router = config.router().overlaid(overrides);
        ModelResolver resolver = new ModelResolver(merged, router, config.unservedGroups());
        return new Snapshot(
                version,
                config,
                List.copyOf(runtime),
                List.copyOf(merged),
                Set.copyOf(runtimeIds),
                overrides.copy(),
                router,
                resolver);
    }
}
