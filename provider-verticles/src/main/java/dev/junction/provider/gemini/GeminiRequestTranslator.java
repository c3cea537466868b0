package dev.junction.provider.gemini;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the body of a Gemini {@code generateContent} request (Google AI Studio and Vertex AI alike) from an
 * OpenAI chat request and the deployment's defaults. Built from an allow-list: LiteLLM's own fields and
 * OpenAI parameters Gemini lacks never reach it. LiteLLM's {@code safety_settings} and {@code cached_content}
 * pass through in Gemini's names.
 */
public final class GeminiRequestTranslator {
    private final GeminiContents contents;
    private final String label;

    /**
     * @param urlsByReference whether http(s) images may be sent by URL (Vertex AI) rather than inline only
     * @param label how error messages name the upstream, e.g. {@code GeminiException}
     */
    public GeminiRequestTranslator(boolean urlsByReference, String label) {
        this.contents = new GeminiContents(new GeminiParts(urlsByReference));
        this.label = label;
    }

    public JsonObject toBody(ProviderCall call) {
        try {
            return build(call, ChatParams.of(call));
        } catch (ClassCastException wrongType) {
            // The body is the client's JSON: a field of the wrong JSON type is its mistake, not ours.
            throw GatewayException.of(
                    ErrorKind.BAD_REQUEST,
                    ErrorKind.BAD_REQUEST.describe(label + " - a request field has the wrong JSON type"));
        }
    }

    private JsonObject build(ProviderCall call, JsonObject params) {
        JsonObject body = new JsonObject();
        contents.translate(call.request().body().getValue("messages"), body);
        GeminiTools.translate(params, body);
        JsonObject config =
                GeminiGenerationConfig.of(call, params, call.deployment().upstreamModel());
        if (!config.isEmpty()) {
            body.put("generationConfig", config);
        }
        for (String name : new String[] {"safety_settings", "safetySettings"}) {
            if (params.getValue(name) instanceof JsonArray settings) {
                body.put("safetySettings", settings);
            }
        }
        for (String name : new String[] {"cached_content", "cachedContent"}) {
            if (params.getValue(name) instanceof String cached) {
                body.put("cachedContent", cached);
            }
        }
        return body;
    }
}
