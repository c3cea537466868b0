package dev.junction.provider.sagemaker;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * A TGI answer, {@code [{"generated_text": ...}]} (or {@code {"generation": ...}} of some JumpStart containers),
 * as an OpenAI {@code chat.completion}. TGI reports no token counts in this format: the usage is zero, and the
 * gateway counts the prompt itself where limits need it.
 */
final class TgiResponses {
    private TgiResponses() {}

    static ProviderReply.Complete toOpenAi(Buffer body, String model, Clock clock) {
        String text = generatedText(body);
        JsonObject message = new JsonObject().put("role", "assistant").put("content", text);
        JsonObject choice =
                new JsonObject().put("index", 0).put("message", message).put("finish_reason", "stop");
        JsonObject completion = new JsonObject()
                .put("id", "chatcmpl-" + UUID.randomUUID())
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", model)
                .put("choices", new JsonArray().add(choice))
                .put("usage", Usage.NONE.toOpenAi());
        return new ProviderReply.Complete(completion.toBuffer(), Usage.NONE, "stop");
    }

    private static String generatedText(Buffer body) {
        try {
            Object parsed = Json.decodeValue(body);
            JsonObject first = parsed instanceof JsonArray list ? list.getJsonObject(0) : (JsonObject) parsed;
            Object text = first.getValue("generated_text");
            if (text == null) {
                text = first.getValue("generation");
            }
            if (text instanceof String generated) {
                return generated;
            }
        } catch (DecodeException | ClassCastException | IndexOutOfBoundsException malformed) {
            // reported below
        }
        throw GatewayException.of(
                ErrorKind.BAD_GATEWAY,
                ErrorKind.BAD_GATEWAY.describe(
                        SageMakerErrors.LABEL + " - the upstream answer is not a TGI generation"));
    }
}
