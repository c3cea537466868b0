package dev.junction.provider.vertex;

import java.net.URI;

/**
 * Vertex AI's endpoints: {@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/
 * {location}/publishers/{publisher}/models/{model}:{method}}, on {@code aiplatform.googleapis.com} for the
 * {@code global} location and on {@code aiplatform.{location}.rep.googleapis.com} for the multi-region ones
 * ({@code us}, {@code eu}). A model named by digits is a tuned model's endpoint ({@code .../endpoints/{id}}).
 *
 * <p>An {@code api_base} is taken as LiteLLM takes it, as the URL up to the method ({@code {api_base}:{method}},
 * e.g. a gateway in front of one model); one that is only a scheme and host (a private endpoint) replaces the
 * host and keeps the standard path.
 */
final class VertexUrls {
    /** Stands for the credentials' project until the signer knows it (when {@code vertex_project} is unset). */
    static final String CREDENTIALS_PROJECT = "{credentials-project}";

    private VertexUrls() {}

    static String of(VertexSettings settings, String publisher, String model, String method) {
        String base = settings.customBase();
        if (base != null && !isHostOnly(base)) {
            return base + ":" + method;
        }
        String host = base != null ? base : host(settings.location());
        String project = settings.project() != null ? settings.project() : CREDENTIALS_PROJECT;
        String resource = model.chars().allMatch(Character::isDigit)
                ? "endpoints/" + model
                : "publishers/" + publisher + "/models/" + model;
        return host + "/v1/projects/" + project + "/locations/" + settings.location() + "/" + resource + ":" + method;
    }

    /** The regional host of {@code location}. */
    static String host(String location) {
        if ("global".equals(location)) {
            return "https://aiplatform.googleapis.com";
        }
        if (!location.contains("-")) {
            return "https://aiplatform." + location + ".rep.googleapis.com";
        }
        return "https://" + location + "-aiplatform.googleapis.com";
    }

    private static boolean isHostOnly(String base) {
        try {
            String path = URI.create(base).getPath();
            return path == null || path.isEmpty() || "/".equals(path);
        } catch (IllegalArgumentException notAUri) {
            return false; // taken as LiteLLM takes it; the HTTP client reports what is wrong with it
        }
    }
}
