package dev.junction.gateway.surface;

import dev.junction.provider.RequestBodies;
import io.vertx.core.json.JsonObject;

/**
 * LiteLLM's own request fields ({@code mock_response}, {@code fallbacks}, {@code num_retries}, {@code timeout},
 * ...) steer the gateway whatever API a request came on: they are copied into its chat translation, where the
 * router reads them. So are the credentials and endpoints a client may bring ({@code api_key}, {@code
 * api_base}, ...): the one credential check reads them there, and with {@code allow_client_side_credentials}
 * the call uses them. {@code metadata} is not: the Messages and Responses APIs define a field of that name.
 */
public final class GatewayFields {
    private GatewayFields() {}

    public static void copy(JsonObject from, JsonObject chat) {
        for (String field : from.fieldNames()) {
            if (!"metadata".equals(field) && RequestBodies.isGatewayParam(field)) {
                chat.put(field, from.getValue(field));
            }
        }
    }

    /** Streams of a translated request always ask for usage: the other API reports it at the end. */
    public static void stream(JsonObject from, JsonObject chat) {
        if (Boolean.TRUE.equals(from.getValue("stream"))) {
            chat.put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        } else if (from.getValue("stream") != null) {
            chat.put("stream", from.getValue("stream"));
        }
    }
}
