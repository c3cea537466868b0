package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/** A whole Anthropic {@code message} as an OpenAI {@code chat.completion}. */
final class AnthropicResponseTranslator {
    private final Clock clock;
    private final AnthropicErrorClassifier errors;

    AnthropicResponseTranslator(Clock clock, AnthropicErrorClassifier errors) {
        this.clock = clock;
        this.errors = errors;
    }

    ProviderReply.Complete toOpenAi(Buffer body) {
        JsonObject message = parse(body);
        if ("error".equals(message.getValue("type"))) {
            // A proxy in front of Anthropic may answer 200 with an error body; it is still an error.
            throw errors.fromErrorEvent(message);
        }
        try {
            return translate(message);
        } catch (ClassCastException malformed) {
            throw notAMessage();
        }
    }

    private ProviderReply.Complete translate(JsonObject message) {
        String finishReason = FinishReasons.fromStopReason(message.getString("stop_reason"));
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("message", assistantMessage(message.getJsonArray("content", new JsonArray())))
                .put("finish_reason", finishReason);
        JsonObject usage = message.getJsonObject("usage");
        JsonObject completion = new JsonObject()
                .put("id", message.getString("id"))
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", message.getString("model"))
                .put("choices", new JsonArray().add(choice))
                .put("usage", AnthropicUsage.toOpenAi(usage));
        Usage counted = AnthropicUsage.from(usage);
        return new ProviderReply.Complete(completion.toBuffer(), counted, finishReason);
    }

    private static JsonObject parse(Buffer body) {
        try {
            return body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            throw notAMessage();
        }
    }

    private static GatewayException notAMessage() {
        return LitellmErrorNames.error(ErrorKind.BAD_GATEWAY, "the upstream answer is not a Messages API message");
    }

    /**
     * Text blocks joined into {@code content} (null when there are none, as OpenAI sends with tool calls),
     * {@code tool_use} blocks as {@code tool_calls}, and thinking as LiteLLM's {@code reasoning_content}.
     */
    static JsonObject assistantMessage(JsonArray blocks) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonArray toolCalls = new JsonArray();
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = blocks.getJsonObject(i);
            switch (block.getString("type", "")) {
                case "text" -> text.append(block.getString("text", ""));
                case "thinking" -> reasoning.append(block.getString("thinking", ""));
                case "tool_use" -> toolCalls.add(ToolCalls.toolCall(
                        block.getString("id"),
                        block.getString("name"),
                        block.getJsonObject("input", new JsonObject())));
                default -> {
                    // redacted thinking and server-tool blocks have no OpenAI counterpart
                }
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
