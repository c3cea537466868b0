package dev.junction.gateway.http;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.CredentialParams;
import dev.junction.config.HttpUrls;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The one check of the credentials and endpoints a request carries, wherever they are: at the top level, in
 * each entry of its fallback lists (whose fields replace the request's for that fallback), and in the nested
 * objects whose fields LiteLLM merges into a call ({@code metadata}, {@code litellm_params}, ...). Message
 * contents, tools and schemas are the caller's data, not parameters, and are not looked into.
 *
 * <p>Without {@code general_settings.allow_client_side_credentials} any such field is refused with a 400
 * naming it (see {@link CredentialParams} for the list). With it, a request may bring its own, but an
 * endpoint it chooses ({@code api_base}, {@code base_url}) must come with its own {@code api_key}: the
 * deployment's key is never sent to a URL the caller picked.
 */
final class ClientCredentialCheck {
    private static final List<String> ENDPOINTS = List.of("api_base", "base_url");
    private static final List<String> APPLIED = List.of("api_key", "api_base", "base_url");
    private static final Set<String> FALLBACK_LISTS =
            Set.of("fallbacks", "context_window_fallbacks", "content_policy_fallbacks");
    /** Objects whose fields LiteLLM reads as call parameters or spreads into the call. */
    private static final Set<String> NESTED_PARAMS =
            Set.of("metadata", "litellm_metadata", "litellm_embedding_config", "litellm_params", "extra_body");
    /** Deeper than any legitimate request nests fallbacks and parameters; bounds the walk. */
    private static final int MAX_DEPTH = 8;

    private final boolean allowed;

    /** @param allowed {@code general_settings.allow_client_side_credentials} */
    ClientCredentialCheck(boolean allowed) {
        this.allowed = allowed;
    }

    /** @throws GatewayException a 400 whose {@code param} names the first offending field, e.g. {@code fallbacks[0].api_base} */
    void check(JsonObject body) {
        walk(body, "", body.getValue("api_key") != null, 0);
    }

    /**
     * @param prefix the path of {@code params}, empty at the top level
     * @param keyGiven whether the request (or this fallback entry) brings its own {@code api_key}
     */
    private void walk(JsonObject params, String prefix, boolean keyGiven, int depth) {
        if (depth > MAX_DEPTH) {
            throw GatewayException.badField(prefix, prefix + " nests too deeply");
        }
        // Values are read only for the fields that matter: reading one wraps it (messages, tools) in a new object.
        for (String field : params.fieldNames()) {
            String path = prefix + field;
            if (CredentialParams.isCredentialOrEndpoint(field)) {
                checkCredential(field, params.getValue(field), path, keyGiven);
            } else if (FALLBACK_LISTS.contains(field)) {
                if (params.getValue(field) instanceof JsonArray entries) {
                    walkFallbacks(entries, path, keyGiven, depth);
                }
            } else if (NESTED_PARAMS.contains(field)) {
                JsonObject nested = asObject(params.getValue(field));
                if (nested != null) {
                    walk(nested, path + ".", keyGiven, depth + 1);
                }
            }
        }
    }

    /** Each entry of a fallback list replaces the request's fields for its attempt, its own key included. */
    private void walkFallbacks(JsonArray entries, String path, boolean keyGiven, int depth) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.getValue(i) instanceof JsonObject entry) {
                boolean entryKey = keyGiven || entry.getValue("api_key") != null;
                walk(entry, path + "[" + i + "].", entryKey, depth + 1);
            }
        }
    }

    private void checkCredential(String field, Object value, String path, boolean keyGiven) {
        if (value == null) {
            return;
        }
        if (!allowed) {
            throw GatewayException.badField(
                    path,
                    "Rejected Request: " + path + " is not allowed in the request body. Enable it with "
                            + "general_settings.allow_client_side_credentials in the config.");
        }
        if (APPLIED.contains(field) && !(value instanceof String)) {
            throw GatewayException.badField(path, path + " must be a string");
        }
        if (ENDPOINTS.contains(field) && !HttpUrls.isAbsoluteHttp((String) value)) {
            throw GatewayException.badField(path, path + " must be an absolute http:// or https:// URL");
        }
        if (ENDPOINTS.contains(field) && !keyGiven) {
            throw GatewayException.badField(
                    path,
                    "Rejected Request: " + path + " needs the caller's own api_key: the deployment's key is never "
                            + "sent to an endpoint the request chooses.");
        }
    }

    /** An object, or LiteLLM's JSON-encoded form of one (form posts send metadata as a string). */
    private static JsonObject asObject(Object value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        if (value instanceof String text && text.stripLeading().startsWith("{")) {
            try {
                return new JsonObject(text);
            } catch (DecodeException notJson) {
                return null;
            }
        }
        return null;
    }
}
