package dev.junction.provider.anthropic;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Builds the body of an Anthropic {@code /v1/messages} request from an OpenAI chat request and the
 * deployment's default parameters.
 *
 * <p>The body is built from an allow-list: only parameters that have a meaning for Anthropic are copied.
 * LiteLLM's own parameters ({@code mock_response}, {@code fallbacks}, {@code num_retries}, {@code timeout},
 * {@code metadata}, {@code api_key}, {@code stream_options}, ...) therefore never reach the upstream, and
 * neither do OpenAI parameters Anthropic lacks ({@code n}, {@code seed}, {@code logprobs}, {@code
 * presence_penalty}, ...), which LiteLLM would also drop with {@code drop_params}.
 */
final class AnthropicRequestTranslator {
    /**
     * Anthropic requires {@code max_tokens}, OpenAI does not. LiteLLM sends 4096 when the client gives none;
     * we do the same, so a request behaves as it did behind LiteLLM. 4096 is also within the output limit of
     * every Claude model still served, so it never fails a request by itself.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Parameters with the same name and meaning in both APIs ({@code top_k} and {@code thinking} are Anthropic's own). */
    private static final List<String> SAME_NAME = List.of("temperature", "top_p", "top_k", "thinking");

    private final AnthropicMessageTranslator messages = new AnthropicMessageTranslator();
    private final AnthropicToolTranslator tools = new AnthropicToolTranslator();

    JsonObject toBody(ProviderCall call) {
        JsonObject request = call.request().body();
        JsonObject defaults = call.deployment().defaultCallParams();
        try {
            return build(call, ChatParams.withDefaults(defaults, request), maxTokens(request, defaults));
        } catch (ClassCastException wrongType) {
            // The body is the client's JSON: a field of the wrong JSON type is its mistake, not ours.
            throw LitellmErrorNames.error(ErrorKind.BAD_REQUEST, "a request field has the wrong JSON type");
        }
    }

    private JsonObject build(ProviderCall call, JsonObject params, long maxTokens) {
        JsonObject body = new JsonObject().put("model", call.deployment().upstreamModel());
        messages.translate(call.request().body().getValue("messages"), body);
        body.put("max_tokens", maxTokens);
        JsonArray stop = stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            body.put("stop_sequences", stop);
        }
        for (String name : SAME_NAME) {
            if (params.getValue(name) != null) {
                body.put(name, params.getValue(name));
            }
        }
        if (params.getValue("user") instanceof String user) {
            body.put("metadata", new JsonObject().put("user_id", user));
        }
        tools.translate(params, body);
        if (call.request().stream()) {
            body.put("stream", true);
        }
        return body;
    }

    /**
     * The request's limit under either OpenAI name, else the deployment's, else {@link #DEFAULT_MAX_TOKENS}.
     * Resolved per source, so that a request's {@code max_tokens} beats a default {@code
     * max_completion_tokens}.
     */
    static long maxTokens(JsonObject request, JsonObject defaults) {
        return ChatParams.maxTokens(request, defaults).orElse(DEFAULT_MAX_TOKENS);
    }

    /** Anthropic rejects a stop sequence made only of whitespace, so such entries are dropped, as LiteLLM does. */
    static JsonArray stopSequences(Object stop) {
        return ChatParams.stopSequences(stop);
    }
}
