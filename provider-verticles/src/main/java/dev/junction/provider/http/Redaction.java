package dev.junction.provider.http;

import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a deployment's credentials out of error messages, whatever an upstream echoes back: some
 * OpenAI-compatible servers quote the key they rejected, and the gateway's client must never see it.
 */
final class Redaction {
    /** Shorter values would mask ordinary words of a message; real keys and tokens are far longer. */
    private static final int MIN_SECRET_LENGTH = 8;

    private static final String MASK = "****";

    private Redaction() {}

    static GatewayException redact(GatewayException failure, Deployment deployment) {
        String message = failure.getMessage();
        if (message == null) {
            return failure;
        }
        String redacted = message;
        for (String secret : secrets(deployment)) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted.equals(message) ? failure : failure.withMessage(redacted);
    }

    private static List<String> secrets(Deployment deployment) {
        List<String> secrets = new ArrayList<>();
        if (deployment.apiKey() != null) {
            secrets.add(deployment.apiKey().reveal());
        }
        JsonObject shown = deployment.publicParams();
        deployment.litellmParams().forEach(entry -> {
            if (!shown.containsKey(entry.getKey()) && entry.getValue() instanceof String value) {
                secrets.add(value);
            }
        });
        secrets.removeIf(secret -> secret == null || secret.length() < MIN_SECRET_LENGTH);
        return secrets;
    }
}
