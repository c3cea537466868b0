package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.SurfaceRequest;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.provider.RequestBodies;
import dev.junction.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A Messages API request passed to Anthropic as its client sent it (only the model replaced), and Anthropic's
 * whole answer relayed as it is; its usage and stop reason are read for limits, spend and fallbacks.
 */
final class AnthropicPassThrough {
    private final AnthropicErrorClassifier errors;

    AnthropicPassThrough(AnthropicErrorClassifier errors) {
        this.errors = errors;
    }

    /** The client's {@code anthropic-version} and {@code anthropic-beta} go along; a deployment's headers win. */
    UpstreamRequest toUpstream(ProviderCall call) {
        SurfaceRequest surface = call.request().surface();
        JsonObject body = RequestBodies.nativeBody(surface, call.deployment().upstreamModel());
        MultiMap headers = AnthropicAdapter.headers(call.deployment(), surface.headers());
        return new UpstreamRequest(
                AnthropicAdapter.messagesUrl(call.deployment().apiBase()), headers, body.toBuffer());
    }

    ProviderReply.Complete fromUpstream(Buffer body) {
        JsonObject message;
        try {
            message = body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            throw LitellmErrorNames.error(ErrorKind.BAD_GATEWAY, "the upstream answer is not a Messages API message");
        }
        if ("error".equals(message.getValue("type"))) {
            throw errors.fromErrorEvent(message);
        }
        JsonObject usage = message.getValue("usage") instanceof JsonObject counts ? counts : null;
        String stopReason = message.getValue("stop_reason") instanceof String reason ? reason : null;
        return new ProviderReply.Complete(
                body, AnthropicUsage.from(usage), FinishReasons.fromStopReason(stopReason), ProviderReply.JSON, true);
    }
}
