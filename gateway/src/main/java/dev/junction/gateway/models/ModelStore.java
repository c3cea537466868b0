package dev.junction.gateway.models;

import java.util.List;
import java.util.OptionalLong;

/** Durable storage of the models added at run time and of the cluster's config version. Blocking (JDBC). */
public interface ModelStore {
    List<StoredModel> listModels();

    /** Inserts the model, or replaces the one with the same id. */
    void saveModel(StoredModel model);

    /** False when no model has this id. */
    boolean deleteModel(String id);

    /** The config version last saved, if any. */
    OptionalLong configVersion();

    /** Saves {@code version} unless a higher one is saved already. */
    void saveConfigVersion(long version);
}
