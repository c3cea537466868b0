package dev.junction.gateway.surface.responses;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.surface.GatewayFields;
import dev.junction.gateway.surface.Translation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Responses API request as a chat completions request: {@code instructions} as the first system message,
 * the input items ({@link InputItems}), function tools and {@code tool_choice}, {@code max_output_tokens} as
 * {@code max_tokens}, {@code text.format} as {@code response_format}, {@code reasoning.effort} as {@code
 * reasoning_effort}. OpenAI's built-in tools, background mode, stored prompts and conversations have no chat
 * form: they are named as untranslated, so the request only reaches OpenAI and Azure deployments. {@code
 * previous_response_id} has been resolved by Junction before (its input holds the conversation).
 */
final class ResponsesToChat {
    private ResponsesToChat() {}

    static Translation translate(JsonObject request) {
        List<String> untranslated = new ArrayList<>();
        JsonArray messages = new JsonArray();
        Object instructions = request.getValue("instructions");
        if (instructions instanceof String text && !text.isEmpty()) {
            messages.add(new JsonObject().put("role", "system").put("content", text));
        } else if (instructions != null && !(instructions instanceof String)) {
            throw GatewayException.badField("instructions", "instructions must be a string");
        }
        new InputItems(messages, untranslated).addAll(InputItems.normalize(request.getValue("input")));
        JsonObject chat =
                new JsonObject().put("model", request.getValue("model")).put("messages", messages);
        copyIf(request, "max_output_tokens", chat, "max_tokens");
        for (String same : new String[] {"temperature", "top_p", "user", "parallel_tool_calls"}) {
            copyIf(request, same, chat, same);
        }
        if (request.getValue("reasoning") instanceof JsonObject reasoning && reasoning.getValue("effort") != null) {
            chat.put("reasoning_effort", reasoning.getValue("effort"));
        }
        format(request, chat);
        ResponseTools.translate(request, chat, untranslated);
        if (Boolean.TRUE.equals(request.getValue("background"))) {
            untranslated.add("background");
        }
        for (String field : new String[] {"conversation", "prompt"}) {
            if (request.getValue(field) != null) {
                untranslated.add(field);
            }
        }
        GatewayFields.stream(request, chat);
        GatewayFields.copy(request, chat);
        return new Translation(chat, untranslated);
    }

    /** {@code text.format}: {@code json_object} and {@code json_schema} as chat's {@code response_format}. */
    private static void format(JsonObject request, JsonObject chat) {
        if (!(request.getValue("text") instanceof JsonObject text)
                || !(text.getValue("format") instanceof JsonObject format)) {
            return;
        }
        switch (String.valueOf(format.getValue("type"))) {
            case "json_object" -> chat.put("response_format", new JsonObject().put("type", "json_object"));
            case "json_schema" -> {
                JsonObject schema = new JsonObject();
                for (String field : new String[] {"name", "schema", "strict", "description"}) {
                    copyIf(format, field, schema, field);
                }
                chat.put(
                        "response_format",
                        new JsonObject().put("type", "json_schema").put("json_schema", schema));
            }
            default -> {
                // plain text: chat's default
            }
        }
    }

    private static void copyIf(JsonObject from, String field, JsonObject to, String as) {
        if (from.getValue(field) != null) {
            to.put(as, from.getValue(field));
        }
    }
}
