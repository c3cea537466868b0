package dev.junction.provider.mock;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Mock embeddings: the configured vector, or a small one derived from each input so equal inputs match. */
final class MockEmbeddings {
    private static final int DIMENSIONS = 8;

    private MockEmbeddings() {}

    static JsonObject body(Object input, Object mock, String model) {
        List<?> inputs = input instanceof JsonArray array ? array.getList() : List.of(String.valueOf(input));
        JsonArray data = new JsonArray();
        for (int i = 0; i < inputs.size(); i++) {
            data.add(new JsonObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .put("embedding", vector(mock, String.valueOf(inputs.get(i)))));
        }
        return new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("model", model)
                .put(
                        "usage",
                        new JsonObject()
                                .put("prompt_tokens", MockResponder.MOCK_USAGE.promptTokens())
                                .put("total_tokens", MockResponder.MOCK_USAGE.promptTokens()));
    }

    private static JsonArray vector(Object mock, String input) {
        if (mock instanceof JsonArray configured) {
            for (Object value : configured) {
                if (!(value instanceof Number)) {
                    throw GatewayException.badField(
                            "mock_response", "mock_response for embeddings must be a list of numbers");
                }
            }
            return configured.copy();
        }
        JsonArray vector = new JsonArray();
        int seed = input.hashCode();
        for (int i = 0; i < DIMENSIONS; i++) {
            seed = seed * 31 + i;
            vector.add(((seed % 1000) + 1000) % 1000 / 1000.0);
        }
        return vector;
    }
}
