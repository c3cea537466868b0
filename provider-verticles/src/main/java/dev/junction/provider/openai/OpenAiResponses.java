package dev.junction.provider.openai;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads what the gateway needs (usage, finish reason) from an OpenAI-format body, which passes on as is. */
public final class OpenAiResponses {
    private OpenAiResponses() {}

    public static ProviderReply.Complete complete(Buffer body, String providerLabel) {
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw GatewayException.of(
                    ErrorKind.BAD_GATEWAY,
                    ErrorKind.BAD_GATEWAY.describe(
                            providerLabel + " - the upstream answered with a body that is not JSON"));
        }
        return new ProviderReply.Complete(body, usage(json), finishReason(json));
    }

    /**
     * The body goes to the client as it is, so a field of an unexpected shape (some OpenAI-compatible servers
     * send {@code "usage": "n/a"}) only means the gateway learns nothing from it.
     */
    private static Usage usage(JsonObject json) {
        try {
            return json.getValue("usage") instanceof JsonObject usage ? Usage.fromOpenAi(usage) : Usage.NONE;
        } catch (ClassCastException malformed) {
            return Usage.NONE;
        }
    }

    private static String finishReason(JsonObject json) {
        if (!(json.getValue("choices") instanceof JsonArray choices)
                || choices.isEmpty()
                || !(choices.getValue(0) instanceof JsonObject first)
                || !(first.getValue("finish_reason") instanceof String reason)) {
            return null;
        }
        return reason;
    }
}
