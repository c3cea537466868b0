package dev.junction.provider.http;

import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.error.Redactor;
import dev.junction.config.CredentialParams;
import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a deployment's credentials out of the errors its calls produce, whatever an upstream echoes back:
 * some OpenAI-compatible servers quote the key they rejected, and the gateway's client must never see it.
 * Every failure of a call, answered or streamed as an error event, passes through here with the secrets of
 * the deployment it was sent to.
 */
final class Redaction {
    private Redaction() {}

    static GatewayException redact(GatewayException failure, Deployment deployment) {
        return Redactor.redact(failure, secrets(deployment));
    }

    /** The deployment's key and every secret its params hold, header values included. */
    static List<String> secrets(Deployment deployment) {
        List<String> secrets = new ArrayList<>();
        if (deployment.apiKey() != null) {
            secrets.add(deployment.apiKey().reveal());
        }
        deployment.litellmParams().forEach(param -> {
            if (CredentialParams.holdsSecret(param.getKey(), param.getValue())) {
                addValues(param.getValue(), secrets);
            }
        });
        return secrets;
    }

    private static void addValues(Object value, List<String> secrets) {
        if (value instanceof String text) {
            secrets.add(text);
        } else if (value instanceof JsonObject map) {
            map.forEach(entry -> addValues(entry.getValue(), secrets));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(each -> addValues(each, secrets));
        }
    }
}
