package dev.junction.gateway.access;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A key's {@code allowed_cache_controls}, as LiteLLM enforces them: every control a request sets in its body's
 * {@code cache} object must be on the key's list. An empty list (the default) allows any control, since LiteLLM
 * reads an empty list as unset; so does a {@code cache} that is not an object, which the cache itself refuses.
 */
final class CacheControlGrant {
    private CacheControlGrant() {}

    /** @throws GatewayException LiteLLM's 403 naming the first control the key may not set */
    static void check(List<String> allowed, JsonObject body) {
        if (allowed.isEmpty() || !(body.getValue("cache") instanceof JsonObject controls)) {
            return;
        }
        for (String control : controls.fieldNames()) {
            if (!allowed.contains(control)) {
                throw GatewayException.of(
                                ErrorKind.PERMISSION_DENIED,
                                "Not allowed to set " + control
                                        + " as a cache control. Contact admin to change permissions.")
                        .withParam("cache");
            }
        }
    }
}
