package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.chat.ChatParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.OptionalLong;

/**
 * Builds the body of a Converse (or ConverseStream) request from an OpenAI chat request and the deployment's
 * defaults. Built from an allow-list, as for Anthropic: gateway and credential parameters ({@code
 * aws_secret_access_key}, {@code mock_response}, ...) and OpenAI parameters Converse lacks never go upstream.
 */
final class ConverseRequestTranslator {
    private final ConverseMessageTranslator messages = new ConverseMessageTranslator();

    JsonObject toBody(ProviderCall call) {
        try {
            JsonObject params = ChatParams.of(call);
            JsonObject body = new JsonObject();
            messages.translate(call.request().body().getValue("messages"), body);
            JsonObject inference = inferenceConfig(params, ChatParams.maxTokens(call));
            if (!inference.isEmpty()) {
                body.put("inferenceConfig", inference);
            }
            ConverseTools.translate(params, body);
            JsonObject additional = additionalFields(params, call.deployment().upstreamModel());
            if (!additional.isEmpty()) {
                body.put("additionalModelRequestFields", additional);
            }
            for (String block : new String[] {"guardrailConfig", "performanceConfig"}) {
                if (params.getValue(block) instanceof JsonObject config) {
                    body.put(block, config);
                }
            }
            refuseJsonMode(params.getValue("response_format"));
            return body;
        } catch (ClassCastException wrongType) {
            throw BedrockErrorClassifier.error(ErrorKind.BAD_REQUEST, "a request field has the wrong JSON type");
        }
    }

    private static JsonObject inferenceConfig(JsonObject params, OptionalLong maxTokens) {
        JsonObject inference = new JsonObject();
        maxTokens.ifPresent(limit -> inference.put("maxTokens", limit));
        ChatParams.copy(params, "temperature", inference, "temperature");
        ChatParams.copy(params, "top_p", inference, "topP");
        JsonArray stop = ChatParams.stopSequences(params.getValue("stop"));
        if (!stop.isEmpty()) {
            inference.put("stopSequences", stop);
        }
        return inference;
    }

    /** Model-specific fields Converse passes through: Anthropic's {@code top_k} and extended {@code thinking}. */
    private static JsonObject additionalFields(JsonObject params, String upstreamModel) {
        JsonObject additional = new JsonObject();
        if (params.getValue("additionalModelRequestFields") instanceof JsonObject given) {
            additional.mergeIn(given);
        }
        if ("anthropic".equals(BedrockModels.vendor(upstreamModel))) {
            for (String name : new String[] {"top_k", "thinking"}) {
                if (params.getValue(name) != null) {
                    additional.put(name, params.getValue(name));
                }
            }
        }
        return additional;
    }

    /**
     * LiteLLM emulates {@code response_format} on Bedrock with a forced tool call; Junction does not, and says so
     * rather than answering free text to a client that expects JSON.
     */
    private static void refuseJsonMode(Object responseFormat) {
        if (responseFormat instanceof JsonObject format && !"text".equals(format.getString("type"))) {
            throw GatewayException.badField(
                    "response_format", "bedrock: response_format json_object/json_schema is not supported by Junction");
        }
    }
}
