package dev.junction.provider;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;

/**
 * The 400 for an operation a provider has no API for; nothing goes upstream, and the router tries the group's
 * other deployments before the client sees it.
 */
public final class UnsupportedEndpoint {
    private UnsupportedEndpoint() {}

    /**
     * @param label how messages name the upstream, e.g. {@code GeminiException}
     * @param provider the provider as users know it, e.g. {@code gemini}
     */
    public static GatewayException of(String label, String provider, Endpoint endpoint) {
        String what =
                switch (endpoint) {
                    case COMPLETIONS -> "completions; use /chat/completions";
                    case EMBEDDINGS -> "embeddings";
                    default -> endpoint.path();
                };
        String message = label + " - " + provider + " does not support " + what;
        return GatewayException.of(
                ErrorKind.UNSUPPORTED_BY_DEPLOYMENT, ErrorKind.UNSUPPORTED_BY_DEPLOYMENT.describe(message));
    }
}
