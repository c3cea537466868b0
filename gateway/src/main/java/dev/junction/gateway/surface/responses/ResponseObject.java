package dev.junction.gateway.surface.responses;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The {@code response} object Junction answers with when it translated a Responses request to chat: the
 * request's settings echoed (or OpenAI's defaults), the output items, status and usage. Ids take OpenAI's
 * prefixes ({@code resp_}, {@code msg_}, {@code fc_}).
 */
final class ResponseObject {
    private ResponseObject() {}

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** The response before any output: status {@code in_progress}, no usage. */
    static JsonObject start(String id, JsonObject request, String model, long createdAt) {
        JsonObject reasoning = new JsonObject()
                .put("effort", request.getValue("reasoning") instanceof JsonObject r ? r.getValue("effort") : null)
                .putNull("summary");
        return new JsonObject()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt)
                .put("status", "in_progress")
                .put("background", false)
                .putNull("error")
                .putNull("incomplete_details")
                .put("instructions", request.getValue("instructions"))
                .put("max_output_tokens", request.getValue("max_output_tokens"))
                .putNull("max_tool_calls")
                .put("model", model)
                .put("output", new JsonArray())
                .put("parallel_tool_calls", request.getValue("parallel_tool_calls", true))
                .put("previous_response_id", request.getValue("previous_response_id"))
                .put("reasoning", reasoning)
                .put("store", request.getValue("store", true))
                .put("temperature", request.getValue("temperature", 1.0))
                .put(
                        "text",
                        request.getValue("text", new JsonObject().put("format", new JsonObject().put("type", "text"))))
                .put("tool_choice", request.getValue("tool_choice", "auto"))
                .put("tools", request.getValue("tools", new JsonArray()))
                .put("top_p", request.getValue("top_p", 1.0))
                .put("truncation", request.getValue("truncation", "disabled"))
                .putNull("usage")
                .put("user", request.getValue("user"))
                .put("metadata", request.getValue("metadata", new JsonObject()));
    }

    /** Completes {@code response}: its output, usage and status after the chat answer's finish reason. */
    static JsonObject finish(JsonObject response, JsonArray output, JsonObject chatUsage, String finishReason) {
        String incomplete =
                switch (finishReason == null ? "stop" : finishReason) {
                    case "length" -> "max_output_tokens";
                    case "content_filter" -> "content_filter";
                    default -> null;
                };
        return response.put("status", incomplete == null ? "completed" : "incomplete")
                .put("incomplete_details", incomplete == null ? null : new JsonObject().put("reason", incomplete))
                .put("output", output)
                .put("usage", usage(chatUsage));
    }

    /** Chat usage in the Responses API's names. */
    static JsonObject usage(JsonObject chat) {
        JsonObject counts = chat == null ? new JsonObject() : chat;
        long input = count(counts, "prompt_tokens");
        long output = count(counts, "completion_tokens");
        long cached = counts.getValue("prompt_tokens_details") instanceof JsonObject details
                ? count(details, "cached_tokens")
                : 0;
        long reasoning = counts.getValue("completion_tokens_details") instanceof JsonObject details
                ? count(details, "reasoning_tokens")
                : 0;
        return new JsonObject()
                .put("input_tokens", input)
                .put("input_tokens_details", new JsonObject().put("cached_tokens", cached))
                .put("output_tokens", output)
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", reasoning))
                .put("total_tokens", input + output);
    }

    /** A count, whatever shape an OpenAI-compatible server gave it: anything but a number counts 0. */
    private static long count(JsonObject counts, String field) {
        return counts.getValue(field) instanceof Number number ? number.longValue() : 0;
    }

    /** A finished assistant message item holding {@code text}. */
    static JsonObject message(String id, String text) {
        JsonObject part = new JsonObject()
                .put("type", "output_text")
                .put("text", text)
                .put("annotations", new JsonArray())
                .put("logprobs", new JsonArray());
        return new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("status", "completed")
                .put("role", "assistant")
                .put("content", new JsonArray().add(part));
    }

    /** A finished function call item. */
    static JsonObject functionCall(String id, String callId, String name, String arguments) {
        return new JsonObject()
                .put("id", id)
                .put("type", "function_call")
                .put("status", "completed")
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments);
    }
}
