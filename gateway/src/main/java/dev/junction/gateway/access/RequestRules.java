package dev.junction.gateway.access;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.AccessSettings;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What every LLM request body must (or must not) carry, whoever sends it: {@code enforce_user_param} (a
 * {@code user}), {@code enforced_params} of the config and of the caller's key ({@code metadata.enforced_params}),
 * with {@code reject_clientside_metadata_tags} no {@code metadata.tags}, and no cache control the caller's key is
 * not allowed ({@link CacheControlGrant}).
 */
public final class RequestRules {
    private final AccessSettings settings;

    public RequestRules(AccessSettings settings) {
        this.settings = settings;
    }

    /** @throws GatewayException LiteLLM's refusal of the first rule the body breaks */
    public void check(Caller caller, JsonObject body) {
        if (settings.enforceUserParam() && !body.containsKey("user")) {
            throw GatewayException.of(
                            ErrorKind.AUTHENTICATION,
                            "Authentication Error, 'user' param not passed in. 'enforce_user_param'=True")
                    .withParam("user");
        }
        for (String param : enforcedParams(caller)) {
            checkPresent(body, param);
        }
        if (caller instanceof Caller.KeyHolder holder) {
            CacheControlGrant.check(holder.key().allowedCacheControls(), body);
        }
        if (settings.rejectClientsideMetadataTags()
                && body.getValue("metadata") instanceof JsonObject metadata
                && metadata.containsKey("tags")) {
            throw GatewayException.badField(
                    "metadata.tags",
                    "Client-side 'metadata.tags' not allowed in request. 'reject_clientside_metadata_tags'=True."
                            + " Tags can only be set via API key metadata.");
        }
    }

    private List<String> enforcedParams(Caller caller) {
        if (!(caller instanceof Caller.KeyHolder holder)
                || !(holder.key().metadata().getValue("enforced_params") instanceof JsonArray own)) {
            return settings.enforcedParams();
        }
        List<String> all = new ArrayList<>(settings.enforcedParams());
        own.forEach(param -> {
            if (param instanceof String name && !name.isBlank()) {
                all.add(name);
            }
        });
        return all;
    }

    /** LiteLLM's wording: {@code param=metadata} when the top field is missing, else {@code [metadata][x]}. */
    private static void checkPresent(JsonObject body, String param) {
        String[] path = param.split("\\.");
        Object at = body;
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            nested.append('[').append(path[i]).append(']');
            if (!(at instanceof JsonObject object) || !object.containsKey(path[i])) {
                throw GatewayException.badField(
                        param,
                        "BadRequest please pass param=" + (i == 0 ? path[0] : nested)
                                + " in request body. This is a required param");
            }
            at = object.getValue(path[i]);
        }
    }
}
