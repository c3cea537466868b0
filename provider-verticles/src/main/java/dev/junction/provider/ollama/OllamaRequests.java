package dev.junction.provider.ollama;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.EmbeddingInputs;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The body of each Ollama API call. {@code stream} is always set, since Ollama streams unless told not to.
 * Tools pass in OpenAI's shape, which {@code /api/chat} takes; {@code tool_choice} is left out, as LiteLLM
 * leaves it out (Ollama has no such setting).
 */
final class OllamaRequests {
    private OllamaRequests() {}

    static JsonObject toBody(ProviderCall call, OllamaMode mode) {
        JsonObject request = call.request().body();
        JsonObject params = ChatParams.of(call);
        JsonObject body = new JsonObject().put("model", call.deployment().upstreamModel());
        switch (mode) {
            case CHAT -> {
                body.put("messages", OllamaMessages.of(request.getValue("messages")));
                if (params.getValue("tools") instanceof JsonArray tools && !tools.isEmpty()) {
                    body.put("tools", tools);
                }
            }
            case CHAT_AS_PROMPT -> {
                OllamaPrompt prompt = OllamaPrompt.of(request.getValue("messages"));
                body.put("prompt", prompt.prompt());
                if (!prompt.images().isEmpty()) {
                    body.put("images", prompt.images());
                }
            }
            case COMPLETION -> {
                body.put("prompt", prompt(request.getValue("prompt")));
                ChatParams.copy(params, "suffix", body, "suffix");
            }
            case EMBED -> {
                body.put("input", new JsonArray(EmbeddingInputs.texts(call, "ollama")));
                ChatParams.copy(params, "dimensions", body, "dimensions");
                ChatParams.copy(params, "truncate", body, "truncate");
                ChatParams.copy(params, "keep_alive", body, "keep_alive");
                return body;
            }
        }
        OllamaOptions.apply(call, params, body);
        return body.put("stream", call.request().stream());
    }

    /** A legacy completion's prompt: a string, or a list holding one (Ollama takes one prompt per call). */
    private static String prompt(Object prompt) {
        if (prompt instanceof String text) {
            return text;
        }
        if (prompt instanceof JsonArray list && list.size() == 1 && list.getValue(0) instanceof String text) {
            return text;
        }
        throw GatewayException.badField("prompt", "ollama takes one prompt per call: prompt must be a string");
    }
}
