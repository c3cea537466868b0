package dev.junction.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Finds the caller's key in the headers LiteLLM accepts, in its order: {@code x-litellm-api-key},
 * {@code Authorization} (Bearer or Basic), {@code api-key} (Azure clients), {@code x-api-key} (Anthropic
 * clients). With {@code general_settings.litellm_key_header_name} that header alone is read, as in LiteLLM
 * (the others may then carry something else, such as a provider key for a pass-through).
 */
final class ApiKeys {
    private ApiKeys() {}

    /**
     * The key from {@code customHeader} when one is configured, else from LiteLLM's headers: "" when the
     * header is present but malformed or empty, null when none is present.
     */
    static String find(HttpServerRequest request, String customHeader) {
        if (customHeader == null) {
            return find(request);
        }
        String value = request.getHeader(customHeader);
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("bearer ") || lower.startsWith("basic ")
                ? fromAuthorization(value.strip())
                : value.strip();
    }

    /** The key, "" when a header is present but malformed or empty, or null when no header is present. */
    static String find(HttpServerRequest request) {
        String litellm = request.getHeader("x-litellm-api-key");
        if (litellm != null) {
            return stripBearer(litellm);
        }
        String authorization = request.getHeader("authorization");
        if (authorization != null) {
            return fromAuthorization(authorization);
        }
        String azure = request.getHeader("api-key");
        if (azure != null) {
            return azure.strip();
        }
        String anthropic = request.getHeader("x-api-key");
        return anthropic == null ? null : anthropic.strip();
    }

    private static String fromAuthorization(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bearer ")) {
            return header.substring(7).strip();
        }
        if (lower.startsWith("basic ")) {
            return header.substring(6).strip();
        }
        return "";
    }

    private static String stripBearer(String value) {
        String trimmed = value.strip();
        return trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")
                ? trimmed.substring(7).strip()
                : trimmed;
    }
}
