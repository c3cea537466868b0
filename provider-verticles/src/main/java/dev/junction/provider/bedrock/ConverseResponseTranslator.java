package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/** A whole Converse answer as an OpenAI {@code chat.completion}. */
final class ConverseResponseTranslator {
    private final Clock clock;

    ConverseResponseTranslator(Clock clock) {
        this.clock = clock;
    }

    /** @param model the model the answer is reported under: Converse's body names none */
    ProviderReply.Complete toOpenAi(Buffer body, String model) {
        try {
            JsonObject answer = body.toJsonObject();
            JsonObject message =
                    answer.getJsonObject("output", new JsonObject()).getJsonObject("message");
            if (message == null) {
                throw notAnAnswer();
            }
            String finishReason = ConverseOutput.finishReason(answer.getString("stopReason"));
            JsonObject choice = new JsonObject()
                    .put("index", 0)
                    .put("message", assistantMessage(message.getJsonArray("content", new JsonArray())))
                    .put("finish_reason", finishReason);
            JsonObject usage = answer.getJsonObject("usage");
            JsonObject completion = new JsonObject()
                    .put("id", "chatcmpl-" + UUID.randomUUID())
                    .put("object", "chat.completion")
                    .put("created", clock.instant().getEpochSecond())
                    .put("model", model)
                    .put("choices", new JsonArray().add(choice))
                    .put("usage", ConverseOutput.openAiUsage(usage));
            return new ProviderReply.Complete(completion.toBuffer(), ConverseOutput.usage(usage), finishReason);
        } catch (DecodeException | ClassCastException malformed) {
            throw notAnAnswer();
        }
    }

    private static GatewayException notAnAnswer() {
        return BedrockErrorClassifier.error(ErrorKind.BAD_GATEWAY, "the upstream answer is not a Converse response");
    }

    /** Text joined into {@code content} (null when none), {@code toolUse} as {@code tool_calls}, reasoning apart. */
    static JsonObject assistantMessage(JsonArray blocks) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonArray toolCalls = new JsonArray();
        for (Object item : blocks) {
            JsonObject block = (JsonObject) item;
            if (block.getValue("text") instanceof String part) {
                text.append(part);
            } else if (block.getValue("toolUse") instanceof JsonObject toolUse) {
                toolCalls.add(ToolCalls.toolCall(
                        toolUse.getString("toolUseId"), toolUse.getString("name"), toolUse.getValue("input")));
            } else if (block.getValue("reasoningContent") instanceof JsonObject thinking
                    && thinking.getValue("reasoningText") instanceof JsonObject reasoningText) {
                reasoning.append(reasoningText.getString("text", ""));
            }
        }
        JsonObject message =
                new JsonObject().put("role", "assistant").put("content", text.isEmpty() ? null : text.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCalls);
        }
        return message;
    }
}
