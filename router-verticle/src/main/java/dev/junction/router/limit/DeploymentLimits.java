package dev.junction.router.limit;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment's per-minute limits. The config loader has already copied an entry's top-level {@code
 * rpm}/{@code tpm} into {@code litellm_params} when those lacked them, so the lookup is {@code
 * litellm_params}, then {@code model_info}; a limit set in neither place is unlimited.
 *
 * @param rpm requests per minute, or empty when unlimited
 * @param tpm tokens per minute, or empty when unlimited
 */
public record DeploymentLimits(OptionalLong rpm, OptionalLong tpm) {
    // Bounded, and first object kept: a wildcard route makes a new deployment object (with its own id) on every
    // call, which is then read from its params as before rather than replacing the entry each time.
    private static final int MAX_REMEMBERED = 4096;
    private static final Map<String, Remembered> REMEMBERED = new ConcurrentHashMap<>();

    /** The limits of one deployment object, looked up three times per call: read from its params once. */
    private record Remembered(Deployment deployment, DeploymentLimits limits) {}

    public static DeploymentLimits of(Deployment deployment) {
        Remembered remembered = REMEMBERED.get(deployment.id());
        if (remembered != null && remembered.deployment() == deployment) {
            return remembered.limits();
        }
        DeploymentLimits limits = new DeploymentLimits(limit(deployment, "rpm"), limit(deployment, "tpm"));
        if (remembered == null && REMEMBERED.size() < MAX_REMEMBERED) {
            REMEMBERED.putIfAbsent(deployment.id(), new Remembered(deployment, limits));
        }
        return limits;
    }

    public boolean hasAny() {
        return rpm.isPresent() || tpm.isPresent();
    }

    private static OptionalLong limit(Deployment deployment, String key) {
        OptionalLong fromParams = number(deployment.litellmParams(), key);
        return fromParams.isPresent() ? fromParams : number(deployment.modelInfo(), key);
    }

    // model_info is not type-checked by the loader, so a number may still arrive as text there.
    private static OptionalLong number(JsonObject source, String key) {
        Object value = source.getValue(key);
        if (value instanceof Number number) {
            return OptionalLong.of(number.longValue());
        }
        if (value instanceof String text) {
            try {
                return OptionalLong.of((long) Double.parseDouble(text.trim()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
