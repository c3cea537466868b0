package dev.junction.provider.gemini;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * JSON Schemas from OpenAI requests in the subset Gemini's {@code parameters} and {@code responseSchema}
 * (OpenAPI 3 schema objects) accept: keywords Gemini rejects are removed at every level, as LiteLLM removes
 * them. A copy is returned; the client's request is left as it was.
 */
final class GeminiSchemas {
    /** JSON-Schema keywords outside Gemini's schema object; each fails the whole request when present. */
    private static final Set<String> UNSUPPORTED = Set.of("$schema", "$id", "additionalProperties", "strict");

    private GeminiSchemas() {}

    static JsonObject clean(JsonObject schema) {
        JsonObject copy = new JsonObject();
        schema.forEach(entry -> {
            if (!UNSUPPORTED.contains(entry.getKey())) {
                copy.put(entry.getKey(), cleanValue(entry.getValue()));
            }
        });
        return copy;
    }

    private static Object cleanValue(Object value) {
        if (value instanceof JsonObject object) {
            return clean(object);
        }
        if (value instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(cleanValue(item)));
            return copy;
        }
        return value;
    }
}
