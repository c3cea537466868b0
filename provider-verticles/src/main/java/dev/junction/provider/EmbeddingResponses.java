package dev.junction.provider;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Vectors from a provider's own embeddings API as OpenAI's {@code list} of {@code embedding} objects. */
public final class EmbeddingResponses {
    private EmbeddingResponses() {}

    /**
     * @param vectors one per input, in input order
     * @param promptTokens the tokens the provider counted, or 0 when it reports none
     */
    public static ProviderReply.Complete openAi(String model, List<JsonArray> vectors, long promptTokens) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding", vectors.get(i)));
        }
        Usage usage = new Usage(promptTokens, 0, promptTokens);
        JsonObject body = new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("model", model)
                .put(
                        "usage",
                        new JsonObject().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens));
        return new ProviderReply.Complete(body.toBuffer(), usage, null);
    }
}
