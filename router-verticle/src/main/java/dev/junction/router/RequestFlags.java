package dev.junction.router;

import io.vertx.core.json.JsonObject;

/** LiteLLM's request-body switches, which accept booleans and the strings "true"/"false". */
final class RequestFlags {
    private RequestFlags() {}

    static boolean isSet(JsonObject body, String flag) {
        Object value = body.getValue(flag);
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
    }
}
