package dev.junction.provider.cohere;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.EmbeddingInputs;
import dev.junction.provider.chat.ChatMessages;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Bodies of Cohere's v2 API. Chat messages keep OpenAI's roles and tool-call shape, which {@code /v2/chat}
 * shares; parameters are renamed where Cohere names them otherwise ({@code top_p} is {@code p}, {@code top_k}
 * {@code k}, {@code stop} {@code stop_sequences}) and {@code tool_choice} takes Cohere's {@code REQUIRED} and
 * {@code NONE}. Embeddings default {@code input_type} to {@code search_document}, as LiteLLM does (Cohere's
 * v3 and later models require one).
 */
final class CohereRequests {
    private static final Map<String, String> RENAMED = Map.of(
            "temperature", "temperature",
            "top_p", "p",
            "top_k", "k",
            "seed", "seed",
            "frequency_penalty", "frequency_penalty",
            "presence_penalty", "presence_penalty");
    /** Cohere's own chat parameters, passed as they are from the request or the deployment. */
    private static final Set<String> NATIVE =
            Set.of("safety_mode", "documents", "citation_options", "strict_tools", "logprobs", "thinking");

    private static final Set<String> PART_TYPES = Set.of("text", "image_url");

    private CohereRequests() {}

    static JsonObject chat(ProviderCall call) {
        JsonObject params = ChatParams.of(call);
        JsonObject body = new JsonObject()
                .put("model", call.deployment().upstreamModel())
                .put("messages", messages(call.request().body().getValue("messages")));
        RENAMED.forEach((openAi, cohere) -> ChatParams.copy(params, openAi, body, cohere));
        NATIVE.forEach(name -> ChatParams.copy(params, name, body, name));
        ChatParams.maxTokens(call).ifPresent(limit -> body.put("max_tokens", limit));
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            body.put("stop_sequences", stop);
        }
        if (params.getValue("tools") instanceof JsonArray tools && !tools.isEmpty()) {
            body.put("tools", tools);
            toolChoice(params.getValue("tool_choice"), body);
        }
        if (params.getValue("response_format") instanceof JsonObject format) {
            body.put("response_format", responseFormat(format));
        }
        return call.request().stream() ? body.put("stream", true) : body;
    }

    static JsonObject embed(ProviderCall call) {
        JsonObject params = ChatParams.of(call);
        JsonObject body = new JsonObject()
                .put("model", call.deployment().upstreamModel())
                .put("texts", new JsonArray(EmbeddingInputs.texts(call, "cohere")))
                .put("input_type", params.getString("input_type", "search_document"))
                .put("embedding_types", new JsonArray().add("float"));
        ChatParams.copy(params, "dimensions", body, "output_dimension");
        ChatParams.copy(params, "truncate", body, "truncate");
        return body;
    }

    private static JsonArray messages(Object messages) {
        JsonArray translated = new JsonArray();
        ChatMessages.of(messages).forEach(message -> translated.add(message(message)));
        return translated;
    }

    private static JsonObject message(JsonObject message) {
        String role = message.getString("role", "");
        JsonObject translated = new JsonObject().put("role", "developer".equals(role) ? "system" : role);
        switch (role) {
            case "system", "developer", "user" -> translated.put("content", content(message.getValue("content")));
            case "assistant" -> {
                if (message.getValue("content") != null) {
                    translated.put("content", content(message.getValue("content")));
                }
                ChatParams.copy(message, "tool_calls", translated, "tool_calls");
            }
            case "tool" -> translated
                    .put("tool_call_id", message.getString("tool_call_id"))
                    .put("content", content(message.getValue("content")));
            default -> throw GatewayException.badField(
                    "messages", "cohere does not support messages with role '" + role + "'");
        }
        return translated;
    }

    /** A string, or text and image parts, which Cohere takes in OpenAI's own shape. */
    private static Object content(Object content) {
        if (content instanceof JsonArray parts) {
            for (Object part : parts) {
                if (!(part instanceof JsonObject fields) || !PART_TYPES.contains(fields.getString("type", ""))) {
                    throw GatewayException.badField("messages", "cohere takes text and image_url content parts only");
                }
            }
            return parts;
        }
        return content == null ? "" : content;
    }

    private static void toolChoice(Object choice, JsonObject body) {
        if ("required".equals(choice)) {
            body.put("tool_choice", "REQUIRED");
        } else if ("none".equals(choice)) {
            body.put("tool_choice", "NONE");
        } else if (choice != null && !"auto".equals(choice)) {
            throw GatewayException.badField(
                    "tool_choice", "cohere takes tool_choice auto, required or none (not a named function)");
        }
    }

    private static JsonObject responseFormat(JsonObject format) {
        return switch (format.getString("type", "")) {
            case "json_object" -> new JsonObject().put("type", "json_object");
            case "json_schema" -> {
                JsonObject wrapper = format.getJsonObject("json_schema", new JsonObject());
                JsonObject json = new JsonObject().put("type", "json_object");
                yield wrapper.getValue("schema") instanceof JsonObject schema ? json.put("json_schema", schema) : json;
            }
            case "text" -> new JsonObject().put("type", "text");
            default -> throw GatewayException.badField(
                    "response_format", "response_format.type must be text, json_object or json_schema");
        };
    }
}
