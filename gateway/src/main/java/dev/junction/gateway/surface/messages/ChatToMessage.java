package dev.junction.gateway.surface.messages;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.anthropic.AnthropicFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A chat completion as an Anthropic {@code message}: text and {@code tool_use} blocks, stop reason, usage. */
final class ChatToMessage {
    private ChatToMessage() {}

    static Buffer translate(Buffer completion) {
        JsonObject chat;
        try {
            chat = completion.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            throw GatewayException.of(
                    ErrorKind.BAD_GATEWAY, ErrorKind.BAD_GATEWAY.describe("the answer is not a chat completion"));
        }
        JsonObject choice = chat.getValue("choices") instanceof JsonArray choices
                        && !choices.isEmpty()
                        && choices.getValue(0) instanceof JsonObject first
                ? first
                : new JsonObject();
        JsonObject message = choice.getValue("message") instanceof JsonObject m ? m : new JsonObject();
        String finish = choice.getValue("finish_reason") instanceof String reason ? reason : "stop";
        JsonObject usage = chat.getValue("usage") instanceof JsonObject counts ? counts : null;
        return new JsonObject()
                .put("id", messageId(chat.getValue("id")))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", chat.getValue("model"))
                .put("content", blocks(message))
                .put("stop_reason", AnthropicFormat.stopReason(finish))
                .put("stop_sequence", null)
                .put("usage", AnthropicFormat.usage(usage))
                .toBuffer();
    }

    static JsonArray blocks(JsonObject message) {
        JsonArray blocks = new JsonArray();
        if (message.getValue("content") instanceof String text && !text.isEmpty()) {
            blocks.add(new JsonObject().put("type", "text").put("text", text));
        }
        if (message.getValue("tool_calls") instanceof JsonArray calls) {
            for (Object each : calls) {
                if (each instanceof JsonObject call && call.getValue("function") instanceof JsonObject function) {
                    blocks.add(new JsonObject()
                            .put("type", "tool_use")
                            .put("id", call.getValue("id"))
                            .put("name", function.getValue("name"))
                            .put("input", AnthropicFormat.toolInput(function.getValue("arguments"))));
                }
            }
        }
        return blocks;
    }

    /** Anthropic's ids start with {@code msg_}; the upstream's id stays recognisable after it. */
    static String messageId(Object chatId) {
        String id = chatId instanceof String text && !text.isEmpty()
                ? text
                : java.util.UUID.randomUUID().toString();
        return id.startsWith("msg_") ? id : "msg_" + id;
    }
}
