package dev.junction.provider.mock;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Mock embeddings: the configured vector, or a small one derived from each input so equal inputs match. In
 * the encoding the request asks for, as OpenAI answers: a list of numbers, or with {@code "encoding_format":
 * "base64"} (the OpenAI Node SDK's default) the base64 of the vector's little-endian float32s; a client that
 * asked for base64 and got numbers would decode them to zeros without a word.
 */
final class MockEmbeddings {
    private static final int DIMENSIONS = 8;

    private MockEmbeddings() {}

    /** @param encodingFormat the request's {@code encoding_format}, or null for OpenAI's default, floats */
    static JsonObject body(Object input, Object mock, String model, Object encodingFormat) {
        List<?> inputs = input instanceof JsonArray array ? array.getList() : List.of(String.valueOf(input));
        boolean base64 = "base64".equals(encodingFormat);
        JsonArray data = new JsonArray();
        for (int i = 0; i < inputs.size(); i++) {
            JsonArray vector = vector(mock, String.valueOf(inputs.get(i)));
            data.add(new JsonObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .put("embedding", base64 ? base64(vector) : vector));
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

    /** OpenAI's base64 form: the vector as consecutive little-endian IEEE 754 float32s. */
    static String base64(JsonArray vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Object value : vector) {
            bytes.putFloat(((Number) value).floatValue());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
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
