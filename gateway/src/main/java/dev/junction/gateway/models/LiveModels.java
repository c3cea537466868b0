package dev.junction.gateway.models;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.node.ClusterView;
import dev.junction.config.GeneralSettings;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * A node's part in the models (and router settings) changed at run time: at start-up it brings the stored models into a new cluster,
 * applies the cluster's current version before the node serves, and listens for later versions; its {@link
 * ModelChanges} serve the model API.
 */
public final class LiveModels {
    private final ModelChanges changes;
    private final ConfigChanges config;

    private LiveModels(ModelChanges changes, ConfigChanges config) {
        this.changes = changes;
        this.config = config;
    }

    public ModelChanges changes() {
        return changes;
    }

    /** {@code /config/update}: router settings changed at run time, versioned and confirmed like models. */
    public ConfigChanges config() {
        return config;
    }

    /**
     * @param store the key store's models (embedded or PostgreSQL)
     * @param worker the key store's worker pool
     */
    public static Future<LiveModels> start(
            Vertx vertx,
            HazelcastInstance hazelcast,
            ClusterView view,
            ModelStore store,
            WorkerExecutor worker,
            GeneralSettings general,
            LiveDeployments deployments,
            Map<String, String> env) {
        ClusterModels cluster = new ClusterModels(hazelcast);
        Optional<CredentialCipher> cipher =
                CredentialCipher.of(Optional.ofNullable(env.get(CredentialCipher.SALT_VARIABLE)), general.masterKey());
        ModelApplier applier = new ModelApplier(cluster, cipher, deployments, env);
        ConfirmedChange confirmed = new ConfirmedChange(
                general.storeModelInDb(), worker, new Propagation(vertx, view, Propagation.DEFAULT_BOUND));
        ModelChanges changes = new ModelChanges(store, cluster, cipher, applier, deployments, confirmed);
        ConfigChanges config = new ConfigChanges(store, cluster, applier, confirmed);
        // Listening first: a change made while this node reads the cluster's version is then not missed.
        return applier.listen(vertx, view.nodeId())
                .compose(listening -> vertx.executeBlocking(() -> {
                    if (general.storeModelInDb()) {
                        cluster.seedIfNew(
                                store.listModels(),
                                store.routerSettings().orElseGet(JsonObject::new),
                                store.configVersion().orElse(0));
                    }
                    return applier.applyCurrent();
                }))
                .map(version -> new LiveModels(changes, config));
    }
}
