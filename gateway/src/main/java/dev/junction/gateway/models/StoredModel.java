package dev.junction.gateway.models;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A model added through the model API, as stored and as shared in the cluster: its {@code litellm_params}
 * strings are encrypted ({@link CredentialCipher}), so neither the database nor the cluster's memory holds a
 * credential in clear.
 *
 * @param id {@code model_info.id}
 * @param modelName the public model group
 * @param litellmParams {@code litellm_params}, strings encrypted
 * @param modelInfo {@code model_info}, including {@code id}
 */
public record StoredModel(String id, String modelName, JsonObject litellmParams, JsonObject modelInfo) {
    public StoredModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelName, "modelName");
        litellmParams = litellmParams == null ? new JsonObject() : litellmParams.copy();
        modelInfo = modelInfo == null ? new JsonObject() : modelInfo.copy();
    }

    /** The {@code model_list} entry form, as kept in the cluster map. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("model_name", modelName)
                .put("litellm_params", litellmParams)
                .put("model_info", modelInfo);
    }

    public static StoredModel fromJson(String id, JsonObject entry) {
        return new StoredModel(
                id,
                entry.getString("model_name"),
                entry.getJsonObject("litellm_params"),
                entry.getJsonObject("model_info"));
    }
}
