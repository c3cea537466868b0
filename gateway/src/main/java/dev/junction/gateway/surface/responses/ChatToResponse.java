package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A whole chat completion as a Responses API {@code response}: the answer's text as a message item, each
 * tool call as a {@code function_call} item, the usage in the Responses API's names.
 */
final class ChatToResponse {
    private ChatToResponse() {}

    static JsonObject translate(Buffer completion, String id, JsonObject request) {
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
        long created =
                chat.getValue("created") instanceof Number when ? when.longValue() : System.currentTimeMillis() / 1000;
        JsonObject response = ResponseObject.start(id, request, String.valueOf(chat.getValue("model")), created);
        JsonObject usage = chat.getValue("usage") instanceof JsonObject counts ? counts : null;
        String finish = choice.getValue("finish_reason") instanceof String reason ? reason : null;
        return ResponseObject.finish(response, output(message), usage, finish);
    }

    private static JsonArray output(JsonObject message) {
        JsonArray output = new JsonArray();
        Object text = message.getValue("content");
        if (text instanceof String content && !content.isEmpty()) {
            output.add(ResponseObject.message(ResponseObject.newId("msg_"), content));
        }
        if (message.getValue("tool_calls") instanceof JsonArray calls) {
            for (Object each : calls) {
                if (each instanceof JsonObject call && call.getValue("function") instanceof JsonObject function) {
                    output.add(ResponseObject.functionCall(
                            ResponseObject.newId("fc_"),
                            String.valueOf(call.getValue("id")),
                            String.valueOf(function.getValue("name")),
                            function.getValue("arguments") instanceof String arguments ? arguments : "{}"));
                }
            }
        }
        return output;
    }
}
