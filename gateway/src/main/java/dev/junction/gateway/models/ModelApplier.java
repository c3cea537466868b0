package dev.junction.gateway.models;

import dev.junction.cluster.bus.Addresses;
import dev.junction.config.ConfigException;
import dev.junction.config.Deployment;
import dev.junction.config.ModelEntries;
import dev.junction.config.RuntimeRouterSettings;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this node's served deployments up to the cluster's version: reads the cluster's models, decrypts and
 * parses them by the config file's rules, and swaps them in. Runs at start-up (before the node serves) and
 * whenever a member that made a change asks, answering with the version this node serves afterwards.
 */
public final class ModelApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ModelApplier.class);

    private final ClusterModels cluster;
    private final Optional<CredentialCipher> cipher;
    private final LiveDeployments deployments;
    private final Map<String, String> env;

    ModelApplier(
            ClusterModels cluster,
            Optional<CredentialCipher> cipher,
            LiveDeployments deployments,
            Map<String, String> env) {
        this.cluster = cluster;
        this.cipher = cipher;
        this.deployments = deployments;
        this.env = env;
    }

    /** Blocking: applies the cluster's current version and returns the version served afterwards. */
    public long applyCurrent() {
        ClusterModels.Snapshot snapshot = cluster.snapshot();
        List<Deployment> runtime = new ArrayList<>();
        for (StoredModel model : snapshot.models()) {
            runtime.addAll(deploymentsOf(model));
        }
        long served = deployments.apply(snapshot.version(), runtime, routerOverrides(snapshot.routerSettings()));
        LOG.debug(
                "Serving config version {} ({} run-time models)",
                served,
                snapshot.models().size());
        return served;
    }

    /** Checked on each node (its own environment); settings it cannot read leave the file's served. */
    private JsonObject routerOverrides(JsonObject stored) {
        try {
            return checkRouterSettings(stored);
        } catch (ConfigException unusable) {
            LOG.error(
                    "Router settings changed through /config/update are not served, the config file's are: {}",
                    unusable.getMessage());
            return new JsonObject();
        }
    }

    /** Router settings as {@code /config/update} stores them, read by the config file's rules. */
    JsonObject checkRouterSettings(JsonObject stored) {
        return RuntimeRouterSettings.check(stored, env);
    }

    /** One model that cannot be served (another node's key, a provider this build lacks) leaves the rest served. */
    private List<Deployment> deploymentsOf(StoredModel model) {
        try {
            return parse(model);
        } catch (ConfigException | IllegalStateException unusable) {
            LOG.error(
                    "Model {} ({}) added through the model API is not served: {}",
                    model.id(),
                    model.modelName(),
                    unusable.getMessage());
            return List.of();
        }
    }

    /** The deployments of a stored model, its credentials decrypted. */
    List<Deployment> parse(StoredModel model) {
        JsonObject params = cipher.map(c -> c.decrypt(model.litellmParams())).orElse(model.litellmParams());
        return parseEntry(model.toJson().put("litellm_params", params));
    }

    /** A {@code model_list} entry in clear, read by the config file's rules. */
    List<Deployment> parseEntry(JsonObject entry) {
        return ModelEntries.parse(entry, env);
    }

    /**
     * Listens on this node's config address: each request applies the cluster's current version (on a worker:
     * it reads the cluster's maps) and answers the version served.
     */
    public Future<MessageConsumer<JsonObject>> listen(Vertx vertx, String nodeId) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.configApply(nodeId), message -> {
            vertx.executeBlocking(this::applyCurrent, true)
                    .onSuccess(served ->
                            message.reply(new JsonObject().put("node", nodeId).put("version", served)))
                    .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage())));
        });
        return consumer.completion().map(registered -> consumer);
    }
}
