package dev.junction.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The settings LiteLLM reads from the environment when a deployment leaves them out, such as {@code
 * GEMINI_API_KEY} for {@code gemini/} models. Read once at config load, through the same environment as {@code
 * os.environ/} (so {@code environment_variables} count too), and only where the deployment sets neither the
 * parameter nor one of its aliases.
 */
final class ProviderEnvironment {
    /** A parameter, the other names LiteLLM accepts for it, and the variables tried in order. */
    private record Default(String param, List<String> aliases, List<String> variables) {}

    private static final List<Default> GEMINI = List.of(new Default("api_key", List.of(), List.of("GEMINI_API_KEY")));
    private static final List<Default> VERTEX = List.of(
            new Default("vertex_project", List.of("vertex_ai_project"), List.of("VERTEXAI_PROJECT", "VERTEX_PROJECT")),
            new Default(
                    "vertex_location", List.of("vertex_ai_location"), List.of("VERTEXAI_LOCATION", "VERTEX_LOCATION")),
            new Default(
                    "vertex_credentials",
                    List.of("vertex_ai_credentials"),
                    List.of("VERTEXAI_CREDENTIALS", "VERTEX_CREDENTIALS")));
    private static final List<Default> COHERE =
            List.of(new Default("api_key", List.of(), List.of("COHERE_API_KEY", "CO_API_KEY")));
    private static final List<Default> HUGGINGFACE =
            List.of(new Default("api_key", List.of(), List.of("HF_TOKEN", "HUGGINGFACE_API_KEY")));

    private static final Map<String, List<Default>> BY_PREFIX = Map.of(
            "gemini", GEMINI,
            "vertex_ai", VERTEX,
            "cohere", COHERE,
            "cohere_chat", COHERE,
            "huggingface", HUGGINGFACE);

    private ProviderEnvironment() {}

    /** Adds to {@code params} the values the environment gives for what the deployment of {@code prefix} lacks. */
    static void fill(String prefix, JsonObject params, Environment environment) {
        for (Default fallback : BY_PREFIX.getOrDefault(prefix, List.of())) {
            if (isSet(params, fallback.param()) || fallback.aliases().stream().anyMatch(a -> isSet(params, a))) {
                continue;
            }
            fallback.variables().stream()
                    .map(environment::get)
                    .flatMap(java.util.Optional::stream)
                    .filter(value -> !value.isBlank())
                    .findFirst()
                    .ifPresent(value -> params.put(fallback.param(), value));
        }
    }

    private static boolean isSet(JsonObject params, String param) {
        Object value = params.getValue(param);
        return value != null && !(value instanceof String text && text.isBlank());
    }
}
