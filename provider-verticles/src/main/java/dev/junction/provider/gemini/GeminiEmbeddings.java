package dev.junction.provider.gemini;

import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.provider.EmbeddingInputs;
import dev.junction.provider.EmbeddingResponses;
import dev.junction.provider.chat.ChatParams;
import dev.junction.provider.google.GoogleErrorClassifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings through Google AI Studio: one text is {@code embedContent}, several are {@code
 * batchEmbedContents} (one request per text). {@code dimensions} is {@code outputDimensionality} and
 * LiteLLM's {@code task_type} is {@code taskType}. Gemini reports no token counts for embeddings, so the
 * usage is zero.
 */
final class GeminiEmbeddings {
    static final String SINGLE = "embedContent";
    static final String BATCH = "batchEmbedContents";

    private GeminiEmbeddings() {}

    /** The method to call for this request's input. */
    static String method(ProviderCall call) {
        return EmbeddingInputs.texts(call, "gemini").size() == 1 ? SINGLE : BATCH;
    }

    static JsonObject toBody(ProviderCall call) {
        List<String> texts = EmbeddingInputs.texts(call, "gemini");
        JsonObject params = ChatParams.of(call);
        String model = "models/" + call.deployment().upstreamModel();
        if (texts.size() == 1) {
            return request(model, texts.get(0), params);
        }
        JsonArray requests = new JsonArray();
        texts.forEach(text -> requests.add(request(model, text, params)));
        return new JsonObject().put("requests", requests);
    }

    private static JsonObject request(String model, String text, JsonObject params) {
        JsonObject content = new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", text)));
        JsonObject request = new JsonObject().put("model", model).put("content", content);
        ChatParams.copy(params, "dimensions", request, "outputDimensionality");
        ChatParams.copy(params, "task_type", request, "taskType");
        return request;
    }

    static ProviderReply.Complete fromUpstream(Buffer body, String model, GoogleErrorClassifier errors) {
        try {
            JsonObject response = body.toJsonObject();
            List<JsonArray> vectors = new ArrayList<>();
            if (response.getValue("embedding") instanceof JsonObject single) {
                vectors.add(single.getJsonArray("values"));
            } else {
                for (Object item : response.getJsonArray("embeddings", new JsonArray())) {
                    vectors.add(((JsonObject) item).getJsonArray("values"));
                }
            }
            if (vectors.isEmpty() || vectors.contains(null)) {
                throw errors.unreadable("the upstream answer holds no embeddings");
            }
            return EmbeddingResponses.openAi(model, vectors, 0);
        } catch (DecodeException | ClassCastException malformed) {
            throw errors.unreadable("the upstream answer is not an embeddings response");
        }
    }
}
