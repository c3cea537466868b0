package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * LiteLLM's deployment id for a {@code model_list} entry without {@code model_info.id}: the SHA-256 of the
 * model name followed by every {@code litellm_params} key and value in file order. Matching it keeps ids
 * stable across a migration from LiteLLM, so per-deployment state and client-visible ids carry over.
 */
public final class DeploymentIds {
    private DeploymentIds() {}

    /**
     * @param modelName the entry's {@code model_name}
     * @param litellmParams the entry's {@code litellm_params} after {@code os.environ/} resolution, in file
     *     order, with an unset variable as null (Python's {@code None})
     */
    public static String generate(String modelName, JsonObject litellmParams) {
        StringBuilder text = new StringBuilder(modelName);
        for (Map.Entry<String, Object> entry : litellmParams.getMap().entrySet()) {
            text.append(entry.getKey()).append(valueText(entry.getValue()));
        }
        return Sha256.hex(text.toString());
    }

    // A dict value is hashed in its json.dumps form, every other value in its str() form.
    private static String valueText(Object value) {
        if (value instanceof JsonObject || value instanceof Map<?, ?>) {
            return PythonRepr.jsonDumps(value);
        }
        return PythonRepr.str(value);
    }
}
