package dev.junction.gateway.surface.responses;

import dev.junction.gateway.keys.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code GET /v1/responses/{id}} and {@code DELETE /v1/responses/{id}}: the kept responses of the caller. */
public final class ResponsesRoutes {
    private final StoredResponses stored;

    ResponsesRoutes(StoredResponses stored) {
        this.stored = stored;
    }

    public Future<JsonObject> get(String id, Caller caller) {
        return stored.response(id, caller);
    }

    /** OpenAI's answer to a delete: {@code {"id", "object": "response", "deleted": true}}. */
    public Future<JsonObject> delete(String id, Caller caller) {
        return stored.delete(id, caller)
                .map(v ->
                        new JsonObject().put("id", id).put("object", "response").put("deleted", true));
    }
}
