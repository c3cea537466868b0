package dev.junction.router.cache;

import dev.junction.config.PythonRepr;
import dev.junction.config.Sha256;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * LiteLLM's cache key: the SHA-256 of {@code "<param>: <value>"} for the model group and each parameter that
 * shapes the answer, values in Python's {@code str()} form, prefixed {@code <namespace>:} when there is one. It
 * depends on the request alone, so two equal requests find one entry whatever node they reach.
 *
 * <p>The parameters are OpenAI's for the call type (LiteLLM's {@code get_all_llm_api_params}), without those that
 * do not change the answer: {@code user}, {@code metadata}, {@code stream}, {@code stream_options}, {@code store},
 * {@code service_tier} and the like, and timeouts. They are taken in one fixed order, the model, the prompt, then
 * the rest by name, where LiteLLM follows the order of the request's fields: the key does not depend on how a
 * client orders its JSON, and a request whose fields come in that order gets LiteLLM's very key.
 */
public final class CacheKeys {
    private static final List<String> CHAT = List.of(
            "messages",
            "audio",
            "frequency_penalty",
            "function_call",
            "functions",
            "logit_bias",
            "logprobs",
            "max_completion_tokens",
            "max_tokens",
            "modalities",
            "n",
            "parallel_tool_calls",
            "prediction",
            "presence_penalty",
            "reasoning_effort",
            "response_format",
            "seed",
            "stop",
            "temperature",
            "thinking",
            "tool_choice",
            "tools",
            "top_logprobs",
            "top_p",
            "verbosity",
            "web_search_options");

    private static final List<String> TEXT_COMPLETION = List.of(
            "prompt",
            "best_of",
            "echo",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "max_tokens",
            "n",
            "presence_penalty",
            "seed",
            "stop",
            "suffix",
            "temperature",
            "top_p");

    private static final List<String> EMBEDDING = List.of("input", "dimensions", "encoding_format");

    private static final List<String> RESPONSES = List.of(
            "input",
            "instructions",
            "include",
            "max_output_tokens",
            "max_tool_calls",
            "parallel_tool_calls",
            "previous_response_id",
            "prompt",
            "reasoning",
            "temperature",
            "text",
            "tool_choice",
            "tools",
            "top_logprobs",
            "top_p",
            "truncation");

    private static final List<String> ANTHROPIC_MESSAGES = List.of(
            "messages",
            "system",
            "max_tokens",
            "stop_sequences",
            "temperature",
            "thinking",
            "tool_choice",
            "tools",
            "top_k",
            "top_p");

    /** The parameters of each call type, its prompt first. A new surface is one line here. */
    private static final Map<String, List<String>> PARAMS = Map.of(
            CallTypes.CHAT, CHAT,
            CallTypes.TEXT_COMPLETION, TEXT_COMPLETION,
            CallTypes.EMBEDDING, EMBEDDING,
            CallTypes.RESPONSES, RESPONSES,
            CallTypes.ANTHROPIC_MESSAGES, ANTHROPIC_MESSAGES);

    private CacheKeys() {}

    /** Whether requests of {@code callType} are cached at all. */
    static boolean knows(String callType) {
        return PARAMS.containsKey(callType);
    }

    /**
     * The key of a request.
     *
     * @param callType the LiteLLM call type (see {@link CallTypes})
     * @param modelGroup the model group the request is routed in, which LiteLLM puts in place of the model
     * @param body the request body
     * @param namespace prefixed with a colon, or null for none
     */
    public static String key(String callType, String modelGroup, JsonObject body, String namespace) {
        String hash = Sha256.hex(material(callType, modelGroup, body, true));
        return namespace == null ? hash : namespace + ":" + hash;
    }

    /**
     * What a semantic match must share with a request besides a similar prompt: the same model group and
     * parameters, hashed without the prompt.
     */
    static String promptlessMaterial(String callType, String modelGroup, JsonObject body) {
        return Sha256.hex(material(callType, modelGroup, body, false));
    }

    /** The text LiteLLM hashes, before the hash. */
    static String material(String callType, String modelGroup, JsonObject body, boolean withPrompt) {
        List<String> params = PARAMS.get(callType);
        if (params == null) {
            throw new IllegalArgumentException("no cache key for call type " + callType);
        }
        StringBuilder text = new StringBuilder("model: ").append(modelGroup);
        for (int i = withPrompt ? 0 : 1; i < params.size(); i++) {
            String param = params.get(i);
            Object value = body.getValue(param);
            if (value != null) {
                text.append(param).append(": ").append(PythonRepr.str(value));
            }
        }
        return text.toString();
    }
}
