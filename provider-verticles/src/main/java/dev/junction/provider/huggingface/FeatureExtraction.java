package dev.junction.provider.huggingface;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.provider.EmbeddingResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A feature-extraction answer, one pooled vector per input ({@code [[0.1, ...], ...]}), as OpenAI embeddings.
 * Hugging Face reports no token counts here, so the usage is zero. A model that answers per token rather than
 * pooled (a list of vectors per input) is not an embeddings model for OpenAI clients and is refused as such.
 */
final class FeatureExtraction {
    private FeatureExtraction() {}

    static ProviderReply.Complete toOpenAi(Buffer body, String model) {
        try {
            List<JsonArray> vectors = new ArrayList<>();
            for (Object vector : (JsonArray) body.toJsonValue()) {
                JsonArray values = (JsonArray) vector;
                if (!values.isEmpty() && !(values.getValue(0) instanceof Number)) {
                    throw unreadable("per-token vectors rather than one pooled vector per input");
                }
                vectors.add(values);
            }
            return EmbeddingResponses.openAi(model, vectors, 0);
        } catch (DecodeException | ClassCastException malformed) {
            throw unreadable("an answer that is not a list of vectors");
        }
    }

    private static GatewayException unreadable(String what) {
        ErrorKind kind = ErrorKind.BAD_GATEWAY;
        return GatewayException.of(kind, kind.describe(HuggingFaceAdapter.LABEL + " - the model sent " + what));
    }
}
