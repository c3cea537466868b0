package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responses Junction keeps for {@code GET /v1/responses/{id}} and {@code previous_response_id}, in the
 * cluster's {@link ResponseStore}: each the response as answered, the conversation it ended (its input items,
 * earlier turns included, then its output items) and the caller that made it. Only that caller (or the master
 * key) sees it again; to any other it does not exist. A request with {@code store: false} is not kept.
 */
final class StoredResponses {
    private static final Logger LOG = LoggerFactory.getLogger(StoredResponses.class);
    /** Output items a later turn can send back as input; reasoning and built-in tool calls are left out. */
    private static final Set<String> REPLAYABLE = Set.of("message", "function_call");

    private static final String ADMIN = "admin";

    private final ResponseStore store;

    StoredResponses(ResponseStore store) {
        this.store = store;
    }

    /**
     * Keeps a finished response. A store that fails costs only the continuation, so it is logged and the
     * answer still goes out.
     */
    Future<Void> save(JsonObject response, JsonArray input, JsonObject request, Caller caller) {
        if (Boolean.FALSE.equals(request.getValue("store")) || !(response.getValue("id") instanceof String id)) {
            return Future.succeededFuture();
        }
        JsonArray conversation = input.copy();
        if (response.getValue("output") instanceof JsonArray output) {
            for (Object item : output) {
                if (item instanceof JsonObject json && REPLAYABLE.contains(String.valueOf(json.getValue("type")))) {
                    conversation.add(json);
                }
            }
        }
        JsonObject document = new JsonObject()
                .put("owner", owner(caller))
                .put("response", response)
                .put("conversation", conversation);
        return store.put(id, document.encode()).recover(failure -> {
            LOG.warn("Could not keep response {}: {}", id, failure.toString());
            return Future.succeededFuture();
        });
    }

    /** The stored response of this caller; a 404 otherwise. */
    Future<JsonObject> response(String id, Caller caller) {
        return document(id, caller)
                .map(found -> found.getJsonObject("response"))
                .recover(missing -> Future.failedFuture(
                        GatewayException.of(ErrorKind.NOT_FOUND, "Response with id '" + id + "' not found.")
                                .withParam("response_id")));
    }

    /** The conversation a response of this caller ended; a 400 naming {@code previous_response_id} otherwise. */
    Future<JsonArray> conversation(String id, Caller caller) {
        return document(id, caller)
                .map(found -> found.getJsonArray("conversation"))
                .recover(missing -> Future.failedFuture(GatewayException.badField(
                        "previous_response_id", "Previous response with id '" + id + "' not found.")));
    }

    /** Forgets a response of this caller; a 404 when there is none. */
    Future<Void> delete(String id, Caller caller) {
        return response(id, caller).compose(found -> store.remove(id)).mapEmpty();
    }

    private Future<JsonObject> document(String id, Caller caller) {
        return store.get(id).compose(found -> {
            JsonObject document = found.map(JsonObject::new).orElse(null);
            if (document == null || !visibleTo(document, caller)) {
                return Future.failedFuture("not found");
            }
            return Future.succeededFuture(document);
        });
    }

    private static boolean visibleTo(JsonObject document, Caller caller) {
        return caller instanceof Caller.Admin || owner(caller).equals(document.getString("owner"));
    }

    private static String owner(Caller caller) {
        return caller instanceof Caller.KeyHolder holder ? "key:" + holder.key().token() : ADMIN;
    }
}
