package dev.junction.gateway.models;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.ConfigException;
import dev.junction.config.RuntimeRouterSettings;
import dev.junction.gateway.models.ConfirmedChange.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;

/**
 * LiteLLM's {@code POST /config/update} for the router settings: the {@code router_settings} given replace those
 * changed before (LiteLLM stores the section whole), the routing keys of {@code litellm_settings} likewise, both
 * laid over the config file's. Validated by the config file's rules, stored (database, then the cluster's map),
 * given the next config version, and confirmed by every member before the call answers, like the model API.
 */
public final class ConfigChanges {
    /** The sections LiteLLM's body has that Junction reads only from the config file. */
    static final List<String> FILE_ONLY = List.of("general_settings", "environment_variables", "model_list");

    /** Other changes to the settings made meanwhile; beyond this many the caller is asked to try again. */
    private static final int MAX_ATTEMPTS = 20;

    private final ModelStore store;
    private final ClusterModels cluster;
    private final ModelApplier applier;
    private final ConfirmedChange confirmed;

    ConfigChanges(ModelStore store, ClusterModels cluster, ModelApplier applier, ConfirmedChange confirmed) {
        this.store = store;
        this.cluster = cluster;
        this.applier = applier;
        this.confirmed = confirmed;
    }

    /** @param body LiteLLM's {@code ConfigYAML}: {@code router_settings}, {@code litellm_settings}, ... */
    public Future<JsonObject> update(JsonObject body) {
        for (String section : FILE_ONLY) {
            Object value = body.getValue(section);
            boolean empty = value == null
                    || value instanceof JsonObject object && object.isEmpty()
                    || value instanceof io.vertx.core.json.JsonArray list && list.isEmpty();
            if (!empty) {
                return Future.failedFuture(GatewayException.badField(
                        section,
                        section + " cannot be changed at run time: Junction reads it from the config file only"
                                + " (change the file and restart, or reload it for model_list)"));
            }
        }
        return confirmed.run(
                () -> new Step(save(body), new JsonObject().put("message", "Config updated successfully")));
    }

    /** Blocking: the compare-and-set is retried when another change to the settings came in between. */
    private long save(JsonObject body) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            JsonObject current = cluster.routerSettings();
            JsonObject next = current.copy();
            for (String section : List.of(RuntimeRouterSettings.ROUTER, RuntimeRouterSettings.LITELLM)) {
                if (body.containsKey(section)) {
                    next.put(section, body.getValue(section));
                }
            }
            try {
                applier.checkRouterSettings(next);
            } catch (ConfigException invalid) {
                throw GatewayException.badField(invalid.path(), invalid.getMessage());
            }
            store.saveRouterSettings(next);
            OptionalLong version = cluster.replaceRouterSettings(current, next);
            if (version.isPresent()) {
                store.saveConfigVersion(version.getAsLong());
                return version.getAsLong();
            }
        }
        throw GatewayException.of(
                ErrorKind.SERVICE_UNAVAILABLE, "The router settings are being changed by other calls; try again");
    }
}
