package dev.junction.provider.gemini;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * OpenAI sampling parameters as Gemini's {@code generationConfig}: {@code max_tokens} (or {@code
 * max_completion_tokens}) is {@code maxOutputTokens}, {@code stop} is {@code stopSequences}, {@code n} is
 * {@code candidateCount}, {@code response_format} sets the response MIME type and schema, and {@code
 * reasoning_effort} a thinking budget (LiteLLM's 1024, 2048 and 4096 tokens). Parameters Gemini lacks are
 * left out, as LiteLLM drops them.
 */
final class GeminiGenerationConfig {
    /** OpenAI name to Gemini name, for values that pass as they are ({@code top_k} is Gemini's own). */
    private static final Map<String, String> SAME_VALUE = Map.of(
            "temperature", "temperature",
            "top_p", "topP",
            "top_k", "topK",
            "n", "candidateCount",
            "presence_penalty", "presencePenalty",
            "frequency_penalty", "frequencyPenalty",
            "seed", "seed",
            "logprobs", "responseLogprobs",
            "top_logprobs", "logprobs");

    private static final Map<String, Integer> THINKING_BUDGET =
            Map.of("minimal", 128, "low", 1024, "medium", 2048, "high", 4096, "none", 0, "disable", 0);

    private GeminiGenerationConfig() {}

    /** The generation config, or an empty object when the request sets nothing Gemini takes. */
    static JsonObject of(ProviderCall call, JsonObject params, String model) {
        JsonObject config = new JsonObject();
        SAME_VALUE.forEach((openAi, gemini) -> ChatParams.copy(params, openAi, config, gemini));
        ChatParams.maxTokens(call).ifPresent(limit -> config.put("maxOutputTokens", limit));
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            config.put("stopSequences", stop);
        }
        if (params.getValue("response_format") instanceof JsonObject format) {
            responseFormat(format, model, config);
        }
        if (params.getValue("reasoning_effort") instanceof String effort) {
            Integer budget = THINKING_BUDGET.get(effort);
            if (budget == null) {
                throw GatewayException.badField(
                        "reasoning_effort", "reasoning_effort must be minimal, low, medium, high or none");
            }
            config.put(
                    "thinkingConfig",
                    new JsonObject().put("thinkingBudget", budget).put("includeThoughts", budget > 0));
        }
        return config;
    }

    /**
     * {@code json_object} asks for JSON; {@code json_schema} for JSON of a schema, given to Gemini 2 and later as
     * a JSON Schema ({@code responseJsonSchema}) and to Gemini 1.x in its OpenAPI subset ({@code
     * responseSchema}), as LiteLLM does.
     */
    private static void responseFormat(JsonObject format, String model, JsonObject config) {
        switch (format.getString("type", "")) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonObject wrapper = format.getJsonObject("json_schema", new JsonObject());
                if (wrapper.getValue("schema") instanceof JsonObject schema) {
                    if (model.startsWith("gemini-1")) {
                        config.put("responseSchema", GeminiSchemas.clean(schema));
                    } else {
                        JsonObject jsonSchema = schema.copy();
                        jsonSchema.remove("strict");
                        config.put("responseJsonSchema", jsonSchema);
                    }
                }
            }
            case "text" -> config.put("responseMimeType", "text/plain");
            default -> throw GatewayException.badField(
                    "response_format", "response_format.type must be text, json_object or json_schema");
        }
    }
}
