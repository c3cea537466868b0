package dev.junction.gateway.models;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Durable storage of the models and router settings changed at run time and of the cluster's config version.
 * Blocking (JDBC).
 */
public interface ModelStore {
    List<StoredModel> listModels();

    /** Inserts the model, or replaces the one with the same id. */
    void saveModel(StoredModel model);

    /** False when no model has this id. */
    boolean deleteModel(String id);

    /** The config version last saved, if any. */
    OptionalLong configVersion();

    /** The router settings {@code /config/update} stored ({@code router_settings}, {@code litellm_settings}). */
    Optional<JsonObject> routerSettings();

    void saveRouterSettings(JsonObject settings);

    /** Saves {@code version} unless a higher one is saved already. */
    void saveConfigVersion(long version);
}
