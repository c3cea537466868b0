package dev.junction.router.cache;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** One choice of a streamed answer as its deltas arrive: text, reasoning and tool calls joined. */
final class AssembledChoice {
    private final int index;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final Map<Integer, ToolCall> toolCalls = new TreeMap<>();
    private String role = "assistant";
    private String finishReason;

    /** A tool call's parts: its id, type and name come once, its arguments in pieces. */
    private static final class ToolCall {
        String id;
        String type = "function";
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    AssembledChoice(int index) {
        this.index = index;
    }

    void accept(JsonObject choice, boolean chat) {
        if (choice.getValue("finish_reason") instanceof String reason) {
            finishReason = reason;
        }
        if (!chat) {
            if (choice.getValue("text") instanceof String text) {
                content.append(text);
            }
            return;
        }
        if (!(choice.getValue("delta") instanceof JsonObject delta)) {
            return;
        }
        if (delta.getValue("role") instanceof String given) {
            role = given;
        }
        if (delta.getValue("content") instanceof String text) {
            content.append(text);
        }
        if (delta.getValue("reasoning_content") instanceof String text) {
            reasoning.append(text);
        }
        if (delta.getValue("tool_calls") instanceof JsonArray calls) {
            calls.forEach(each -> {
                if (each instanceof JsonObject call) {
                    toolCall(call);
                }
            });
        }
    }

    private void toolCall(JsonObject call) {
        ToolCall assembled = toolCalls.computeIfAbsent(call.getInteger("index", toolCalls.size()), i -> new ToolCall());
        if (call.getValue("id") instanceof String id) {
            assembled.id = id;
        }
        if (call.getValue("type") instanceof String type) {
            assembled.type = type;
        }
        if (call.getValue("function") instanceof JsonObject function) {
            if (function.getValue("name") instanceof String name) {
                assembled.name = name;
            }
            if (function.getValue("arguments") instanceof String arguments) {
                assembled.arguments.append(arguments);
            }
        }
    }

    JsonObject chatChoice() {
        JsonObject message = new JsonObject().put("role", role);
        message.put("content", content.length() == 0 && !toolCalls.isEmpty() ? null : content.toString());
        if (reasoning.length() > 0) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            JsonArray calls = new JsonArray();
            toolCalls
                    .values()
                    .forEach(call -> calls.add(new JsonObject()
                            .put("id", call.id)
                            .put("type", call.type)
                            .put(
                                    "function",
                                    new JsonObject()
                                            .put("name", call.name)
                                            .put("arguments", call.arguments.toString()))));
            message.put("tool_calls", calls);
        }
        return new JsonObject()
                .put("index", index)
                .put("message", message)
                .put("logprobs", null)
                .put("finish_reason", finishReason);
    }

    JsonObject textChoice() {
        return new JsonObject()
                .put("index", index)
                .put("text", content.toString())
                .put("logprobs", null)
                .put("finish_reason", finishReason);
    }
}
