package dev.junction.provider.chat;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI tool calls in and out of providers that carry a call's arguments as a JSON object rather than
 * OpenAI's JSON-encoded string (Anthropic, Bedrock, Gemini, Ollama), and the pieces of a streamed call.
 */
public final class ToolCalls {
    private ToolCalls() {}

    /** A call's {@code function.arguments} as the object itself; an empty string is an empty object. */
    public static JsonObject arguments(Object arguments) {
        if (arguments instanceof JsonObject object) {
            return object; // some clients send the object already decoded
        }
        String text = arguments == null ? "" : arguments.toString().strip();
        if (text.isEmpty()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException notAnObject) {
            throw GatewayException.badField("messages", "tool call arguments must be a JSON object");
        }
    }

    /**
     * An OpenAI {@code tool_calls} entry; {@code arguments} (an object, or whatever JSON value the provider
     * gave) is encoded as OpenAI clients expect.
     */
    public static JsonObject toolCall(String id, String name, Object arguments) {
        JsonObject function = new JsonObject().put("name", name).put("arguments", Json.encode(arguments));
        return new JsonObject().put("id", id).put("type", "function").put("function", function);
    }

    /** A streamed call's first delta entry: its id and name, arguments still empty. */
    public static JsonObject start(int index, String id, String name) {
        return new JsonObject()
                .put("index", index)
                .put("id", id)
                .put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", ""));
    }

    /** A later delta entry of the streamed call {@code index}: the next piece of its encoded arguments. */
    public static JsonObject argumentsPart(int index, String part) {
        return new JsonObject().put("index", index).put("function", new JsonObject().put("arguments", part));
    }

    /** An id for a call the provider left unnamed, in OpenAI's {@code call_...} form. */
    public static String newId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /**
     * The function name of the assistant's tool call {@code id} in the conversation so far, or null. Providers
     * that answer tool results by function name (Gemini) need it, and OpenAI's tool message only names the id.
     */
    public static String nameOf(List<JsonObject> messages, int before, String id) {
        for (int i = before - 1; i >= 0 && id != null; i--) {
            if (messages.get(i).getValue("tool_calls") instanceof JsonArray calls) {
                for (Object call : calls) {
                    if (call instanceof JsonObject fields && id.equals(fields.getValue("id"))) {
                        return fields.getJsonObject("function", new JsonObject())
                                .getString("name");
                    }
                }
            }
        }
        return null;
    }
}
