package dev.junction.gateway.surface.messages;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.surface.GatewayFields;
import dev.junction.gateway.surface.Translation;
import dev.junction.provider.anthropic.AnthropicFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An Anthropic Messages request as a chat completions request: {@code system} as the first message, tools
 * and {@code tool_choice}, sampling and stop sequences, and the turns ({@link MessageTurns}). Anthropic's
 * server tools, MCP servers and containers have no chat form: they are named as untranslated, so the request
 * only reaches Anthropic deployments. Extended thinking, {@code top_k} and cache hints are left out of the
 * translation: they change how a model works, not what the request means.
 */
final class MessagesToChat {
    private MessagesToChat() {}

    static Translation translate(JsonObject request) {
        List<String> untranslated = new ArrayList<>();
        JsonObject chat = new JsonObject().put("model", request.getValue("model"));
        JsonArray messages = new JsonArray();
        system(request.getValue("system"), messages);
        new MessageTurns(messages, untranslated).addAll(requireMessages(request));
        chat.put("messages", messages);
        copyIf(request, "max_tokens", chat, "max_tokens");
        copyIf(request, "temperature", chat, "temperature");
        copyIf(request, "top_p", chat, "top_p");
        copyIf(request, "stop_sequences", chat, "stop");
        if (request.getValue("metadata") instanceof JsonObject metadata
                && metadata.getValue("user_id") instanceof String user) {
            chat.put("user", user);
        }
        tools(request, chat, untranslated);
        for (String field : new String[] {"mcp_servers", "container"}) {
            if (request.getValue(field) != null) {
                untranslated.add(field);
            }
        }
        GatewayFields.stream(request, chat);
        GatewayFields.copy(request, chat);
        return new Translation(chat, untranslated);
    }

    private static JsonArray requireMessages(JsonObject request) {
        if (!(request.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            throw GatewayException.badField("messages", "messages must be a non-empty array");
        }
        return messages;
    }

    /** A string, or text blocks joined: every chat provider takes a plain system message. */
    private static void system(Object system, JsonArray messages) {
        String text = null;
        if (system instanceof String plain) {
            text = plain;
        } else if (system instanceof JsonArray blocks) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < blocks.size(); i++) {
                if (!(blocks.getValue(i) instanceof JsonObject block)
                        || !(block.getValue("text") instanceof String part)) {
                    throw GatewayException.badField("system", "system[" + i + "] must be a text block");
                }
                joined.append(joined.isEmpty() ? "" : "\n").append(part);
            }
            text = joined.toString();
        } else if (system != null) {
            throw GatewayException.badField("system", "system must be a string or an array of text blocks");
        }
        if (text != null && !text.isEmpty()) {
            messages.add(new JsonObject().put("role", "system").put("content", text));
        }
    }

    private static void tools(JsonObject request, JsonObject chat, List<String> untranslated) {
        if (!(request.getValue("tools") instanceof JsonArray tools) || tools.isEmpty()) {
            return;
        }
        JsonArray functions = new JsonArray();
        for (int i = 0; i < tools.size(); i++) {
            if (!(tools.getValue(i) instanceof JsonObject tool)) {
                throw GatewayException.badField("tools", "tools[" + i + "] must be an object");
            }
            JsonObject function = AnthropicFormat.functionTool(tool);
            if (function == null) {
                untranslated.add("tools[" + i + "] (server tool " + tool.getValue("type") + ")");
            } else {
                functions.add(function);
            }
        }
        if (functions.isEmpty()) {
            return;
        }
        chat.put("tools", functions);
        if (request.getValue("tool_choice") instanceof JsonObject choice) {
            chat.put("tool_choice", AnthropicFormat.toolChoice(choice));
            if (Boolean.TRUE.equals(choice.getValue("disable_parallel_tool_use"))) {
                chat.put("parallel_tool_calls", false);
            }
        }
    }

    private static void copyIf(JsonObject from, String field, JsonObject to, String as) {
        if (from.getValue(field) != null) {
            to.put(as, from.getValue(field));
        }
    }
}
