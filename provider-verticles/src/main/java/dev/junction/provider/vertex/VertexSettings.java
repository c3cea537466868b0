package dev.junction.provider.vertex;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;

/**
 * A Vertex AI deployment's settings, under LiteLLM's names and their {@code vertex_ai_} aliases.
 *
 * @param project {@code vertex_project}, or null to use the credentials' own project
 * @param location {@code vertex_location}, {@code us-central1} when unset (LiteLLM's default)
 * @param credentials {@code vertex_credentials}: credentials JSON (a string, or a mapping in the YAML) or a file
 *     path; null for the application default credentials
 * @param customBase {@code api_base} when the deployment sets one, else null
 */
record VertexSettings(String project, String location, String credentials, String customBase) {
    static final String DEFAULT_LOCATION = "us-central1";

    static VertexSettings of(Deployment deployment) {
        JsonObject params = deployment.litellmParams();
        String location = text(params, "vertex_location", "vertex_ai_location");
        String customBase = text(params, "api_base", "api_base") == null ? null : deployment.apiBase();
        return new VertexSettings(
                text(params, "vertex_project", "vertex_ai_project"),
                location == null ? DEFAULT_LOCATION : location,
                text(params, "vertex_credentials", "vertex_ai_credentials"),
                customBase);
    }

    private static String text(JsonObject params, String name, String alias) {
        Object value = params.getValue(name) != null ? params.getValue(name) : params.getValue(alias);
        if (value instanceof JsonObject json) {
            return json.encode();
        }
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().strip();
    }
}
