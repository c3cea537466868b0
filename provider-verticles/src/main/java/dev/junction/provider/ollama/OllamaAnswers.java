package dev.junction.provider.ollama;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.provider.EmbeddingResponses;
import dev.junction.provider.chat.ToolCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whole Ollama answers in OpenAI's shapes: {@code /api/chat} and {@code /api/generate} as a {@code
 * chat.completion} (or a {@code text_completion} for legacy completions), {@code /api/embed} as an embeddings
 * list. Usage is Ollama's {@code prompt_eval_count} and {@code eval_count}.
 */
final class OllamaAnswers {
    private OllamaAnswers() {}

    static ProviderReply.Complete translate(JsonObject answer, OllamaMode mode, long created) {
        if (mode == OllamaMode.EMBED) {
            return embeddings(answer);
        }
        Usage usage = usage(answer);
        String id = newId(mode);
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("created", created)
                .put("model", answer.getString("model"))
                .put("usage", usage.toOpenAi());
        JsonObject choice = new JsonObject().put("index", 0);
        String finish;
        if (mode == OllamaMode.COMPLETION) {
            finish = finishReason(answer, false);
            body.put("object", "text_completion");
            choice.put("text", answer.getString("response", "")).put("logprobs", null);
        } else {
            JsonObject message = message(answer, mode);
            finish = finishReason(answer, message.containsKey("tool_calls"));
            body.put("object", "chat.completion");
            choice.put("message", message);
        }
        body.put("choices", new JsonArray().add(choice.put("finish_reason", finish)));
        return new ProviderReply.Complete(body.toBuffer(), usage, finish);
    }

    /** The assistant message of an answer; tool calls get ids, since Ollama names none. */
    static JsonObject message(JsonObject answer, OllamaMode mode) {
        JsonObject message = new JsonObject().put("role", "assistant");
        if (mode == OllamaMode.CHAT_AS_PROMPT) {
            return message.put("content", answer.getString("response", ""));
        }
        JsonObject ollama = answer.getJsonObject("message", new JsonObject());
        JsonArray calls = toolCalls(ollama);
        String content = ollama.getString("content", "");
        message.put("content", content.isEmpty() && !calls.isEmpty() ? null : content);
        if (ollama.getValue("thinking") instanceof String thinking && !thinking.isEmpty()) {
            message.put("reasoning_content", thinking);
        }
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        return message;
    }

    static JsonArray toolCalls(JsonObject ollamaMessage) {
        JsonArray calls = new JsonArray();
        for (Object item : ollamaMessage.getJsonArray("tool_calls", new JsonArray())) {
            JsonObject call = (JsonObject) item;
            JsonObject function = call.getJsonObject("function", new JsonObject());
            String id = call.getValue("id") instanceof String given ? given : ToolCalls.newId();
            calls.add(ToolCalls.toolCall(
                    id, function.getString("name"), ToolCalls.arguments(function.getValue("arguments"))));
        }
        return calls;
    }

    /** {@code done_reason} as OpenAI's reason; a turn that calls tools finishes with {@code tool_calls}. */
    static String finishReason(JsonObject answer, boolean toolCalls) {
        if (toolCalls) {
            return "tool_calls";
        }
        return "length".equals(answer.getValue("done_reason")) ? "length" : "stop";
    }

    static Usage usage(JsonObject answer) {
        long prompt = answer.getValue("prompt_eval_count") instanceof Number n ? n.longValue() : 0;
        long completion = answer.getValue("eval_count") instanceof Number n ? n.longValue() : 0;
        return new Usage(prompt, completion, prompt + completion);
    }

    static String newId(OllamaMode mode) {
        String prefix = mode == OllamaMode.COMPLETION ? "cmpl-" : "chatcmpl-";
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static ProviderReply.Complete embeddings(JsonObject answer) {
        List<JsonArray> vectors = new ArrayList<>();
        for (Object vector : answer.getJsonArray("embeddings", new JsonArray())) {
            vectors.add((JsonArray) vector);
        }
        long tokens = answer.getValue("prompt_eval_count") instanceof Number n ? n.longValue() : 0;
        return EmbeddingResponses.openAi(answer.getString("model"), vectors, tokens);
    }
}
