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
        return new ProviderReply.Complete(body, Usage.fromOpenAi(json.getJsonObject("usage")), finishReason(json));
    }

    private static String finishReason(JsonObject json) {
        JsonArray choices = json.getJsonArray("choices");
        if (choices == null || choices.isEmpty() || !(choices.getValue(0) instanceof JsonObject first)) {
            return null;
        }
        return first.getString("finish_reason");
    }
}
