package dev.junction.provider.bedrock;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * OpenAI embeddings through Bedrock's InvokeModel, for the two families LiteLLM serves most: Amazon Titan
 * ({@code amazon.titan-embed-text-v1}/{@code -v2}: one text per call, {@code {"inputText"}}) and Cohere ({@code
 * cohere.embed-*}: a batch, {@code {"texts", "input_type"}}).
 */
final class BedrockEmbeddings {
    /** Cohere needs an input type; LiteLLM's default is the one for indexing documents. */
    static final String COHERE_DEFAULT_INPUT_TYPE = "search_document";

    private BedrockEmbeddings() {}

    static JsonObject toBody(ProviderCall call) {
        JsonObject request = call.request().body();
        List<String> inputs = inputs(request.getValue("input"));
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

    private static List<String> inputs(Object input) {
        if (input instanceof String text) {
            return List.of(text);
        }
        if (input instanceof JsonArray list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw GatewayException.badField("input", "bedrock embeddings take a string or an array of strings");
    }

    static ProviderReply.Complete fromBody(Buffer body, String model) {
        try {
            JsonObject answer = body.toJsonObject();
            JsonArray vectors = vectors(answer);
            JsonArray data = new JsonArray();
            for (int i = 0; i < vectors.size(); i++) {
                data.add(new JsonObject()
                        .put("object", "embedding")
                        .put("index", i)
                        .put("embedding", vectors.getJsonArray(i)));
            }
            long tokens = answer.getValue("inputTextTokenCount") instanceof Number count ? count.longValue() : 0;
            Usage usage = new Usage(tokens, 0, tokens);
            JsonObject response = new JsonObject()
                    .put("object", "list")
                    .put("data", data)
                    .put("model", model)
                    .put("usage", new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens));
            return new ProviderReply.Complete(response.toBuffer(), usage, null);
        } catch (DecodeException | ClassCastException | NullPointerException malformed) {
            throw BedrockErrorClassifier.error(ErrorKind.BAD_GATEWAY, "the upstream answer is not an embedding");
        }
    }

    /** Titan's {@code embedding}, Cohere's {@code embeddings} (a list, or by type with {@code float}). */
    private static JsonArray vectors(JsonObject answer) {
        if (answer.getValue("embedding") instanceof JsonArray single) {
            return new JsonArray().add(single);
        }
        Object embeddings = answer.getValue("embeddings");
        if (embeddings instanceof JsonObject byType) {
            return byType.getJsonArray("float");
        }
        return (JsonArray) embeddings;
    }
}
