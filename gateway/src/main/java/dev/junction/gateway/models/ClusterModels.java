package dev.junction.gateway.models;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The cluster's copy of the models and router settings changed at run time and of the config version, in
 * Hazelcast maps (one backup, so a member leaving loses none). A change writes the model first and counts the version after, so whoever
 * reads a version and then the models sees at least that version's models. Blocking.
 */
final class ClusterModels {
    static final String MODELS_MAP = "junction-runtime-models";
    static final String VERSION_MAP = "junction-config-version";
    static final String SETTINGS_MAP = "junction-runtime-settings";
    private static final String VERSION_KEY = "models";
    private static final String ROUTER_KEY = "router";

    private final IMap<String, String> models;
    private final IMap<String, Long> versions;
    private final IMap<String, String> settings;

    ClusterModels(HazelcastInstance hazelcast) {
        this.models = hazelcast.getMap(MODELS_MAP);
        this.versions = hazelcast.getMap(VERSION_MAP);
        this.settings = hazelcast.getMap(SETTINGS_MAP);
    }

    /**
     * A consistent enough view: the version read first, then the models and router settings (at least as new).
     *
     * @param routerSettings as {@code /config/update} stores them: {@code router_settings} and {@code
     *     litellm_settings}, unchecked; empty when none were changed
     */
    record Snapshot(long version, List<StoredModel> models, JsonObject routerSettings) {}

    Snapshot snapshot() {
        long version = version();
        List<StoredModel> all = models.entrySet().stream()
                .map(entry -> StoredModel.fromJson(entry.getKey(), new JsonObject(entry.getValue())))
                .toList();
        return new Snapshot(version, all, routerSettings());
    }

    JsonObject routerSettings() {
        String json = settings.get(ROUTER_KEY);
        return json == null ? new JsonObject() : new JsonObject(json);
    }

    /**
     * Replaces the router settings with {@code next} if they are still {@code current} (a compare-and-set, so
     * two admin calls at once never lose one's change), and returns the version this change makes, or empty
     * when another change came first.
     */
    java.util.OptionalLong replaceRouterSettings(JsonObject current, JsonObject next) {
        boolean replaced = current.isEmpty() && !settings.containsKey(ROUTER_KEY)
                ? settings.putIfAbsent(ROUTER_KEY, next.encode()) == null
                : settings.replace(ROUTER_KEY, current.encode(), next.encode());
        return replaced ? java.util.OptionalLong.of(bump()) : java.util.OptionalLong.empty();
    }

    long version() {
        Long version = versions.get(VERSION_KEY);
        return version == null ? 0 : version;
    }

    /**
     * The first member of a cluster (no version yet) brings the stored models in; members joining later find the
     * cluster's own and leave it as it is. Two members starting at once both offer theirs: only absent entries
     * are added, and the version taken is the higher.
     */
    void seedIfNew(List<StoredModel> stored, JsonObject storedSettings, long storedVersion) {
        if (versions.containsKey(VERSION_KEY)) {
            return;
        }
        for (StoredModel model : stored) {
            models.putIfAbsent(model.id(), model.toJson().encode());
        }
        if (!storedSettings.isEmpty()) {
            settings.putIfAbsent(ROUTER_KEY, storedSettings.encode());
        }
        versions.merge(VERSION_KEY, storedVersion, Math::max);
    }

    Map<String, String> raw() {
        return models;
    }

    StoredModel find(String id) {
        String json = models.get(id);
        return json == null ? null : StoredModel.fromJson(id, new JsonObject(json));
    }

    /** Puts (or replaces) a model and returns the version this change makes. */
    long put(StoredModel model) {
        models.put(model.id(), model.toJson().encode());
        return bump();
    }

    /** Removes a model (if there) and returns the version this change makes. */
    long remove(String id) {
        models.remove(id);
        return bump();
    }

    /** Atomic across the cluster: IMap's merge retries its compare-and-set until it wins. */
    private long bump() {
        return versions.merge(VERSION_KEY, 1L, Long::sum);
    }
}
