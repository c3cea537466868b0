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
     * Anthropic requires {@code max_tokens}, OpenAI does not: the client's, else the deployment's, else this.
     * LiteLLM sends 4096 when the client gives none; we do the same, so a request behaves as it did behind
     * LiteLLM. 4096 is also within the output limit of every Claude model still served, so it never fails a
     * request by itself.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Parameters with the same name and meaning in both APIs ({@code top_k} and {@code thinking} are Anthropic's own). */
    private static final List<String> SAME_NAME = List.of("temperature", "top_p", "top_k", "thinking");

    private final AnthropicMessageTranslator messages = new AnthropicMessageTranslator();
    private final AnthropicToolTranslator tools = new AnthropicToolTranslator();

    JsonObject toBody(ProviderCall call) {
        try {
            return build(call, ChatParams.of(call), ChatParams.maxTokens(call).orElse(DEFAULT_MAX_TOKENS));
        } catch (ClassCastException wrongType) {
            // The body is the client's JSON: a field of the wrong JSON type is its mistake, not ours.
            throw LitellmErrorNames.error(ErrorKind.BAD_REQUEST, "a request field has the wrong JSON type");
        }
    }

    private JsonObject build(ProviderCall call, JsonObject params, long maxTokens) {
        JsonObject body = new JsonObject().put("model", call.deployment().upstreamModel());
        messages.translate(call.request().body().getValue("messages"), body);
        body.put("max_tokens", maxTokens);
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            body.put("stop_sequences", stop);
        }
        SAME_NAME.forEach(name -> ChatParams.copy(params, name, body, name));
        if (params.getValue("user") instanceof String user) {
            body.put("metadata", new JsonObject().put("user_id", user));
        }
        tools.translate(params, body);
        if (call.request().stream()) {
            body.put("stream", true);
        }
        return body;
    }
}
