package dev.junction.provider.vertex;

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
 * OpenAI embeddings through Vertex AI's text-embedding models ({@code :predict}): one instance per text,
 * {@code dimensions} as {@code outputDimensionality} and LiteLLM's {@code task_type} per instance. The usage is
 * the sum of the token counts Vertex reports per prediction.
 */
final class VertexEmbeddings {
    private VertexEmbeddings() {}

    static JsonObject toBody(ProviderCall call) {
        JsonObject params = ChatParams.of(call);
        JsonArray instances = new JsonArray();
        for (String text : EmbeddingInputs.texts(call, "vertex_ai")) {
            JsonObject instance = new JsonObject().put("content", text);
            ChatParams.copy(params, "task_type", instance, "task_type");
            ChatParams.copy(params, "title", instance, "title");
            instances.add(instance);
        }
        JsonObject parameters = new JsonObject();
        ChatParams.copy(params, "dimensions", parameters, "outputDimensionality");
        ChatParams.copy(params, "auto_truncate", parameters, "autoTruncate");
        JsonObject body = new JsonObject().put("instances", instances);
        return parameters.isEmpty() ? body : body.put("parameters", parameters);
    }

    static ProviderReply.Complete fromUpstream(Buffer body, String model, GoogleErrorClassifier errors) {
        try {
            List<JsonArray> vectors = new ArrayList<>();
            long tokens = 0;
            for (Object item : body.toJsonObject().getJsonArray("predictions", new JsonArray())) {
                JsonObject embeddings = ((JsonObject) item).getJsonObject("embeddings", new JsonObject());
                JsonArray values = embeddings.getJsonArray("values");
                if (values == null) {
                    throw errors.unreadable("a prediction holds no embedding values");
                }
                vectors.add(values);
                JsonObject statistics = embeddings.getJsonObject("statistics", new JsonObject());
                if (statistics.getValue("token_count") instanceof Number count) {
                    tokens += count.longValue();
                }
            }
            if (vectors.isEmpty()) {
                throw errors.unreadable("the upstream answer holds no predictions");
            }
            return EmbeddingResponses.openAi(model, vectors, tokens);
        } catch (DecodeException | ClassCastException malformed) {
            throw errors.unreadable("the upstream answer is not a predict response");
        }
    }
}
