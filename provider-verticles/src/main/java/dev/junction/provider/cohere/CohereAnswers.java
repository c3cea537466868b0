package dev.junction.provider.cohere;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.provider.EmbeddingResponses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere v2 answers in OpenAI's shapes. Usage is Cohere's {@code billed_units}, what it bills and what LiteLLM
 * reports, falling back to {@code tokens} when an answer has no billed units.
 */
final class CohereAnswers {
    private CohereAnswers() {}

    static ProviderReply.Complete chat(JsonObject answer, String model, long created) {
        JsonObject cohere = answer.getJsonObject("message", new JsonObject());
        JsonArray calls = cohere.getJsonArray("tool_calls", new JsonArray());
        StringBuilder text = new StringBuilder();
        for (Object part : cohere.getJsonArray("content", new JsonArray())) {
            if (part instanceof JsonObject fields && "text".equals(fields.getValue("type"))) {
                text.append(fields.getString("text", ""));
            }
        }
        JsonObject message = new JsonObject()
                .put("role", "assistant")
                .put("content", text.isEmpty() && !calls.isEmpty() ? null : text.toString());
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        String finish = finishReason(answer.getString("finish_reason"));
        Usage usage = usage(answer.getJsonObject("usage"));
        JsonObject choice =
                new JsonObject().put("index", 0).put("message", message).put("finish_reason", finish);
        JsonObject body = new JsonObject()
                .put("id", answer.getString("id"))
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model)
                .put("choices", new JsonArray().add(choice))
                .put("usage", usage.toOpenAi());
        return new ProviderReply.Complete(body.toBuffer(), usage, finish);
    }

    static ProviderReply.Complete embeddings(JsonObject answer, String model) {
        List<JsonArray> vectors = new ArrayList<>();
        JsonObject byType = answer.getJsonObject("embeddings", new JsonObject());
        for (Object vector : byType.getJsonArray("float", new JsonArray())) {
            vectors.add((JsonArray) vector);
        }
        JsonObject meta = answer.getJsonObject("meta", new JsonObject());
        return EmbeddingResponses.openAi(model, vectors, usage(meta).promptTokens());
    }

    /** Cohere's finish reason as OpenAI's, or null while there is none. */
    static String finishReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> "stop"; // COMPLETE, STOP_SEQUENCE, and ERROR or TIMEOUT after partial output
        };
    }

    /** A {@code usage} (or {@code meta}) object's counts. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        JsonObject counts = usage.getValue("billed_units") instanceof JsonObject billed
                ? billed
                : usage.getJsonObject("tokens", new JsonObject());
        long prompt = counts.getValue("input_tokens") instanceof Number n ? n.longValue() : 0;
        long completion = counts.getValue("output_tokens") instanceof Number n ? n.longValue() : 0;
        return new Usage(prompt, completion, prompt + completion);
    }
}
