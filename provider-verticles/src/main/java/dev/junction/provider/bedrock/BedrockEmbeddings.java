package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.EmbeddingInputs;
import dev.junction.provider.EmbeddingResponses;
import dev.junction.provider.params.OpenAiParams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * OpenAI embeddings through Bedrock's InvokeModel, for the two families LiteLLM serves most: Amazon Titan
 * ({@code amazon.titan-embed-text-v1}/{@code -v2}: one text per call, {@code {"inputText"}}) and Cohere ({@code
 * cohere.embed-*}: a batch, {@code {"texts", "input_type"}}).
 */
final class BedrockEmbeddings {
    /** Cohere needs an input type; LiteLLM's default is the one for indexing documents. */
    static final String COHERE_DEFAULT_INPUT_TYPE = "search_document";

    private BedrockEmbeddings() {}

    /** The OpenAI embedding parameters {@link #toBody} carries for {@code model}. */
    static Set<String> supportedParams(String model) {
        return "amazon".equals(BedrockModels.vendor(model)) ? OpenAiParams.DIMENSIONS_ONLY : Set.of();
    }

    static JsonObject toBody(ProviderCall call) {
        JsonObject request = call.request().body();
        List<String> inputs = EmbeddingInputs.texts(call, "bedrock");
        String vendor = BedrockModels.vendor(call.deployment().upstreamModel());
        if ("cohere".equals(vendor)) {
            String inputType = request.getValue("input_type") instanceof String given
                    ? given
                    : call.deployment().stringParam("input_type").orElse(COHERE_DEFAULT_INPUT_TYPE);
            return new JsonObject().put("texts", new JsonArray(inputs)).put("input_type", inputType);
        }
        if (!"amazon".equals(vendor)) {
            throw GatewayException.badField(
                    "model", "bedrock embeddings are served for amazon.titan-embed-* and cohere.embed-* models");
        }
        if (inputs.size() != 1) {
            throw GatewayException.badField(
                    "input", "bedrock titan embeds one text per call: send a single input (got " + inputs.size() + ")");
        }
        JsonObject body = new JsonObject().put("inputText", inputs.get(0));
        if (request.getValue("dimensions") instanceof Number dimensions) {
            body.put("dimensions", dimensions.intValue());
        }
        return body;
    }

    static ProviderReply.Complete fromBody(Buffer body, String model) {
        try {
            JsonObject answer = body.toJsonObject();
            long tokens = answer.getValue("inputTextTokenCount") instanceof Number count ? count.longValue() : 0;
            return EmbeddingResponses.openAi(model, vectors(answer), tokens);
        } catch (DecodeException | ClassCastException | NullPointerException malformed) {
            throw BedrockErrorClassifier.error(ErrorKind.BAD_GATEWAY, "the upstream answer is not an embedding");
        }
    }

    /** Titan's {@code embedding}, Cohere's {@code embeddings} (a list, or by type with {@code float}). */
    private static List<JsonArray> vectors(JsonObject answer) {
        if (answer.getValue("embedding") instanceof JsonArray single) {
            return List.of(single);
        }
        Object embeddings = answer.getValue("embeddings");
        JsonArray vectors =
                embeddings instanceof JsonObject byType ? byType.getJsonArray("float") : (JsonArray) embeddings;
        return vectors.stream().map(JsonArray.class::cast).toList();
    }
}
