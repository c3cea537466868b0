package dev.junction.gateway.surface.responses;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.gateway.http.InboundApi;
import dev.junction.gateway.http.ReplyWriter;
import dev.junction.gateway.http.RequestParser;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.surface.Translation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * OpenAI's Responses API ({@code POST /v1/responses}) in front of every deployment. The request is routed as
 * its translation to chat, so keys, limits, budgets, retries and fallbacks work as for chat; an OpenAI or
 * Azure deployment is sent the original and its answer relayed as it is, any other answers in chat and is
 * translated back. Every answer is kept in the cluster ({@link StoredResponses}), so that any node can serve
 * it again or continue it: Junction resolves {@code previous_response_id} itself, for every deployment alike.
 */
public final class ResponsesApi implements InboundApi {
    private final RequestParser parser;
    private final StoredResponses stored;

    public ResponsesApi(RequestParser parser, ResponseStore store) {
        this.parser = parser;
        this.stored = new StoredResponses(store);
    }

    /** {@code GET} and {@code DELETE /v1/responses/{id}} on the same store. */
    public ResponsesRoutes routes() {
        return new ResponsesRoutes(stored);
    }

    @Override
    public LlmRequest parse(Endpoint endpoint, HttpServerRequest client, Buffer body, String pathModel) {
        JsonObject request = RequestParser.jsonObject(body);
        parser.checkCredentials(request);
        Object previous = request.getValue("previous_response_id");
        if (previous != null && !(previous instanceof String)) {
            throw GatewayException.badField("previous_response_id", "previous_response_id must be a string");
        }
        Translation translation = ResponsesToChat.translate(request);
        LlmRequest parsed = parser.parse(
                Endpoint.CHAT_COMPLETIONS,
                translation.chat(),
                null,
                pathModel,
                client.getHeader("x-litellm-call-id"),
                client.getHeader("x-litellm-timeout"));
        return parsed.withSurface(surface(request, translation));
    }

    /**
     * A continued conversation: the earlier turns go in front of this request's input, for the translation and
     * for a native upstream alike (which is never sent {@code previous_response_id}: its ids are Junction's).
     */
    @Override
    public Future<LlmRequest> prepare(LlmRequest request, Caller caller) {
        JsonObject body = request.surface().body();
        if (!(body.getValue("previous_response_id") instanceof String previous)) {
            return Future.succeededFuture(request);
        }
        return stored.conversation(previous, caller).map(earlier -> {
            JsonArray input = earlier.copy().addAll(InputItems.normalize(body.getValue("input")));
            JsonObject continued = body.copy().put("input", input);
            Translation translation = ResponsesToChat.translate(continued);
            return request.withBody(request.model(), translation.chat()).withSurface(surface(continued, translation));
        });
    }

    private static SurfaceRequest surface(JsonObject request, Translation translation) {
        return new SurfaceRequest(Surface.RESPONSES, request, Map.of(), translation.untranslated());
    }

    @Override
    public void write(LlmRequest request, RoutedReply routed, HttpServerResponse response, Caller caller) {
        JsonObject original = request.surface().body();
        JsonArray input = InputItems.normalize(original.getValue("input"));
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            JsonObject answer = complete.passedThrough()
                    ? complete.body().toJsonObject()
                    : ChatToResponse.translate(complete.body(), ResponseObject.newId("resp_"), original);
            Buffer body = complete.passedThrough() ? complete.body() : answer.toBuffer();
            stored.save(answer, input, original, caller)
                    .onComplete(kept -> ReplyWriter.writeBody(request, routed, response, body, ProviderReply.JSON));
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            ReplyWriter.relay(
                    request,
                    routed,
                    response,
                    streaming.passedThrough()
                            ? new ResponsesRelay(done -> stored.save(done, input, original, caller))
                            : new ResponsesStream(
                                    ResponseObject.newId("resp_"),
                                    original,
                                    done -> stored.save(done, input, original, caller)));
        }
    }
}
