package dev.junction.provider.ollama;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI parameters as Ollama's {@code options} and top-level fields, as LiteLLM maps them: {@code max_tokens}
 * is {@code num_predict}, {@code frequency_penalty} is {@code repeat_penalty}, {@code response_format} is
 * {@code format} ({@code "json"} or the JSON schema), {@code reasoning_effort} is {@code think}. Ollama's own
 * options ({@code num_ctx}, {@code mirostat}, ...) set on the deployment or the request pass as they are.
 */
final class OllamaOptions {
    private static final Map<String, String> RENAMED = Map.of(
            "temperature", "temperature",
            "top_p", "top_p",
            "seed", "seed",
            "frequency_penalty", "repeat_penalty");

    private static final Set<String> NATIVE = Set.of(
            "num_ctx",
            "num_predict",
            "num_keep",
            "num_gqa",
            "num_gpu",
            "num_thread",
            "num_batch",
            "top_k",
            "min_p",
            "typical_p",
            "tfs_z",
            "repeat_last_n",
            "repeat_penalty",
            "presence_penalty",
            "mirostat",
            "mirostat_eta",
            "mirostat_tau",
            "penalize_newline",
            "numa",
            "use_mmap",
            "use_mlock");

    private OllamaOptions() {}

    /** Puts {@code options}, {@code format}, {@code keep_alive} and {@code think} into {@code body}. */
    static void apply(ProviderCall call, JsonObject params, JsonObject body) {
        JsonObject options = new JsonObject();
        NATIVE.forEach(name -> ChatParams.copy(params, name, options, name));
        RENAMED.forEach((openAi, ollama) -> ChatParams.copy(params, openAi, options, ollama));
        ChatParams.maxTokens(call).ifPresent(limit -> options.put("num_predict", limit));
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            options.put("stop", stop);
        }
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        if (params.getValue("response_format") instanceof JsonObject format) {
            format(format, body);
        }
        ChatParams.copy(params, "format", body, "format");
        ChatParams.copy(params, "keep_alive", body, "keep_alive");
        ChatParams.copy(params, "think", body, "think");
        if (params.getValue("reasoning_effort") instanceof String effort) {
            body.put("think", Set.of("low", "medium", "high").contains(effort));
        }
    }

    private static void format(JsonObject format, JsonObject body) {
        switch (format.getString("type", "")) {
            case "json_object" -> body.put("format", "json");
            case "json_schema" -> {
                JsonObject wrapper = format.getJsonObject("json_schema", new JsonObject());
                if (wrapper.getValue("schema") instanceof JsonObject schema) {
                    body.put("format", schema);
                }
            }
            case "text" -> {
                // Ollama's default
            }
            default -> throw GatewayException.badField(
                    "response_format", "response_format.type must be text, json_object or json_schema");
        }
    }
}
