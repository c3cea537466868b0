package dev.junction.gateway.http;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * One API clients call Junction with: OpenAI's own operations, or another API (Anthropic's Messages, OpenAI's
 * Responses) translated to them. It reads a request into the {@link LlmRequest} the router routes, writes the
 * routed answer in its own format, and tells errors in its own shape. Keys, limits, budgets, retries and
 * fallbacks apply to every API alike, between reading and writing.
 */
public interface InboundApi {

    /**
     * Reads and checks a request whose body has been read; a malformed one is refused with a {@link
     * GatewayException} naming the field.
     *
     * @param pathModel the model named in the path (Azure-style routes), or null
     */
    LlmRequest parse(Endpoint endpoint, HttpServerRequest client, Buffer body, String pathModel);

    /**
     * Whatever the request needs that takes I/O before it can be routed (a conversation to continue), once the
     * caller is known and allowed the model.
     */
    default Future<LlmRequest> prepare(LlmRequest request, Caller caller) {
        return Future.succeededFuture(request);
    }

    /** Writes the routed answer, whole or streamed. */
    void write(LlmRequest request, RoutedReply routed, HttpServerResponse response, Caller caller);

    /**
     * This API's error body for an error (its message already redacted); {@link ErrorResponder} sends it with
     * the status of the error's kind. OpenAI's shape unless the API has its own.
     */
    default Function<GatewayException, JsonObject> errorShape() {
        return ErrorResponder::body;
    }
}
