package dev.junction.gateway.surface.messages;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Surface;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.http.InboundApi;
import dev.junction.gateway.http.ReplyWriter;
import dev.junction.gateway.http.RequestParser;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.surface.Translation;
import dev.junction.provider.anthropic.AnthropicFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) in front of every deployment. The request is routed as
 * its translation to chat, so keys, limits, budgets, retries and fallbacks work as for chat; an Anthropic
 * deployment is sent the original and its answer relayed as it is, any other answers in chat and is
 * translated back. Errors are in Anthropic's shape.
 */
public final class MessagesApi implements InboundApi {
    /** Client headers an Anthropic deployment sees too: the API version and the betas the client enabled. */
    private static final String[] FORWARDED_HEADERS = {"anthropic-version", "anthropic-beta"};

    private final RequestParser parser;

    public MessagesApi(RequestParser parser) {
        this.parser = parser;
    }

    @Override
    public LlmRequest parse(Endpoint endpoint, HttpServerRequest client, Buffer body, String pathModel) {
        JsonObject request = RequestParser.jsonObject(body);
        check(request);
        parser.checkCredentials(request);
        Translation translation = MessagesToChat.translate(request);
        LlmRequest parsed = parser.parse(
                Endpoint.CHAT_COMPLETIONS,
                translation.chat(),
                null,
                pathModel,
                client.getHeader("x-litellm-call-id"),
                client.getHeader("x-litellm-timeout"));
        Map<String, String> headers = new HashMap<>();
        for (String name : FORWARDED_HEADERS) {
            String value = client.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return parsed.withSurface(new SurfaceRequest(Surface.MESSAGES, request, headers, translation.untranslated()));
    }

    /** What Anthropic itself requires of every request, so that no deployment gets what Anthropic would refuse. */
    static void check(JsonObject request) {
        if (!(request.getValue("model") instanceof String model) || model.isBlank()) {
            throw GatewayException.badField("model", "model: a non-empty string is required");
        }
        if (!(request.getValue("max_tokens") instanceof Number max) || max.longValue() < 1) {
            throw GatewayException.badField("max_tokens", "max_tokens: a positive integer is required");
        }
        Object stream = request.getValue("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            throw GatewayException.badField("stream", "stream must be a boolean");
        }
    }

    @Override
    public void write(LlmRequest request, RoutedReply routed, HttpServerResponse response, Caller caller) {
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            Buffer body = complete.passedThrough() ? complete.body() : ChatToMessage.translate(complete.body());
            ReplyWriter.writeBody(request, routed, response, body, ProviderReply.JSON);
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            ReplyWriter.relay(request, routed, response, streaming.passedThrough() ? null : new MessagesStream());
        }
    }

    @Override
    public Function<GatewayException, JsonObject> errorShape() {
        return AnthropicFormat::errorBody;
    }
}
