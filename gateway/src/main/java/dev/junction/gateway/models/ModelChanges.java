package dev.junction.gateway.models;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ConfigException;
import dev.junction.config.Deployment;
import dev.junction.gateway.models.ConfirmedChange.Step;
import dev.junction.router.resolve.LiveDeployments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The model API's changes: each is validated like a config file entry, stored (database, then the cluster's
 * map), given the next config version, and confirmed by every member before it is answered. Blocking steps run
 * on the store's worker pool.
 */
public final class ModelChanges {
    private final ModelStore store;
    private final ClusterModels cluster;
    private final Optional<CredentialCipher> cipher;
    private final ModelApplier applier;
    private final LiveDeployments deployments;
    private final ConfirmedChange confirmed;

    ModelChanges(
            ModelStore store,
            ClusterModels cluster,
            Optional<CredentialCipher> cipher,
            ModelApplier applier,
            LiveDeployments deployments,
            ConfirmedChange confirmed) {
        this.store = store;
        this.cluster = cluster;
        this.cipher = cipher;
        this.applier = applier;
        this.deployments = deployments;
        this.confirmed = confirmed;
    }

    /** {@code /model/new}: a {@code model_list} entry; {@code model_info.id} is generated when absent. */
    public Future<JsonObject> add(JsonObject entry) {
        return change(() -> {
            JsonObject info =
                    entry.getValue("model_info") instanceof JsonObject given ? given.copy() : new JsonObject();
            if (!(info.getValue("id") instanceof String id) || id.isBlank()) {
                info.put("id", UUID.randomUUID().toString());
            }
            return save(info.getString("id"), entry.copy().put("model_info", info));
        });
    }

    /**
     * {@code /model/update}: the fields given replace the stored ones; {@code litellm_params} and {@code
     * model_info} are merged key by key, as LiteLLM merges them.
     */
    public Future<JsonObject> update(JsonObject patch) {
        return change(() -> {
            String id = idOf(patch);
            StoredModel current = cluster.find(id);
            if (current == null) {
                throw notStored(id);
            }
            JsonObject params =
                    cipher.map(c -> c.decrypt(current.litellmParams())).orElse(current.litellmParams());
            JsonObject given = patch.getValue("litellm_params") instanceof JsonObject p ? p : new JsonObject();
            given.forEach(field -> params.put(field.getKey(), field.getValue()));
            JsonObject info = current.modelInfo().copy();
            if (patch.getValue("model_info") instanceof JsonObject patchInfo) {
                patchInfo.forEach(field -> info.put(field.getKey(), field.getValue()));
            }
            info.put("id", id);
            JsonObject entry = new JsonObject()
                    .put("model_name", patch.getString("model_name", current.modelName()))
                    .put("litellm_params", params)
                    .put("model_info", info);
            return save(id, entry);
        });
    }

    /** {@code /model/delete}: {@code {"id": ...}}. */
    public Future<JsonObject> delete(JsonObject body) {
        return change(() -> {
            if (!(body.getValue("id") instanceof String id) || id.isBlank()) {
                throw GatewayException.badField("id", "id is required: the model_info.id of the model to delete");
            }
            if (cluster.find(id) == null) {
                throw notStored(id);
            }
            store.deleteModel(id);
            long version = cluster.remove(id);
            store.saveConfigVersion(version);
            return new Step(version, new JsonObject().put("message", "Model: " + id + " deleted successfully"));
        });
    }

    /** Runs the blocking part, then waits for every member to confirm the version it made. */
    private Future<JsonObject> change(Supplier<Step> work) {
        return confirmed.run(work);
    }

    /** Validates the entry by the config file's rules, then stores it with its strings encrypted. */
    private Step save(String id, JsonObject entry) {
        List<Deployment> parsed;
        try {
            parsed = applier.parseEntry(entry);
        } catch (ConfigException invalid) {
            throw GatewayException.badField(invalid.path(), invalid.getMessage());
        }
        CredentialCipher sealing = cipher.orElseThrow(() -> GatewayException.of(
                ErrorKind.BAD_REQUEST,
                "Models with credentials are stored encrypted with a key derived from LITELLM_SALT_KEY or the master"
                        + " key; set one of them first"));
        JsonObject params = entry.getJsonObject("litellm_params");
        StoredModel model = new StoredModel(
                id, entry.getString("model_name"), sealing.encrypt(params), entry.getJsonObject("model_info"));
        store.saveModel(model);
        long version = cluster.put(model);
        store.saveConfigVersion(version);
        JsonObject answer = new JsonObject()
                .put("model_id", id)
                .put("model_name", model.modelName())
                .put("litellm_params", parsed.get(0).publicParams())
                .put("model_info", model.modelInfo())
                .put("db_model", true);
        if (deployments.fromConfig(id)) {
            answer.put("warning", "the config file has a model with this id; it is served instead of this one");
        }
        return new Step(version, answer);
    }

    private String idOf(JsonObject patch) {
        Object info = patch.getValue("model_info");
        Object id = info instanceof JsonObject json ? json.getValue("id") : patch.getValue("id");
        if (!(id instanceof String text) || text.isBlank()) {
            throw GatewayException.badField(
                    "model_info.id", "model_info.id is required: the id of the model to update");
        }
        return text;
    }

    private GatewayException notStored(String id) {
        String message = deployments.fromConfig(id)
                ? "Cannot edit config-based model " + id + ". Store model in DB via /model/new first."
                : "Model with id=" + id + " not found in db";
        return GatewayException.badField("id", message);
    }
}
