package dev.junction.provider.gemini;

import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The parts of one Gemini candidate as what an OpenAI message (or stream delta) carries: text, the model's
 * thoughts ({@code thought: true} parts, LiteLLM's {@code reasoning_content}) and function calls as {@code
 * tool_calls} with ids made up here, since Gemini names calls by function only.
 */
record GeminiMessage(String text, String reasoning, JsonArray toolCalls) {

    static GeminiMessage of(JsonObject candidate) {
        JsonObject content = candidate.getJsonObject("content", new JsonObject());
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonArray toolCalls = new JsonArray();
        for (Object item : content.getJsonArray("parts", new JsonArray())) {
            JsonObject part = (JsonObject) item;
            if (part.getValue("functionCall") instanceof JsonObject call) {
                JsonObject args = call.getJsonObject("args", new JsonObject());
                String id = call.getValue("id") instanceof String given ? given : ToolCalls.newId();
                toolCalls.add(ToolCalls.toolCall(id, call.getString("name"), args));
            } else if (part.getValue("text") instanceof String piece) {
                (Boolean.TRUE.equals(part.getValue("thought")) ? reasoning : text).append(piece);
            }
        }
        return new GeminiMessage(text.toString(), reasoning.toString(), toolCalls);
    }

    /** The whole answer's {@code message}: content is null when there is none, as OpenAI sends with tool calls. */
    JsonObject toOpenAi() {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", text.isEmpty() ? null : text);
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCalls);
        }
        return message;
    }

    boolean isEmpty() {
        return text.isEmpty() && reasoning.isEmpty() && toolCalls.isEmpty();
    }
}
