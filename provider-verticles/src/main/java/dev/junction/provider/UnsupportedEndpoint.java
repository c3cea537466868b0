package dev.junction.provider;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;

/** The 400 for an operation a provider has no API for; nothing goes upstream. */
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
        return GatewayException.of(ErrorKind.BAD_REQUEST, ErrorKind.BAD_REQUEST.describe(message));
    }
}
