package dev.junction.router.limit;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.OptionalLong;

/**
 * A deployment's per-minute limits. The config loader has already copied an entry's top-level {@code
 * rpm}/{@code tpm} into {@code litellm_params} when those lacked them, so the lookup is {@code
 * litellm_params}, then {@code model_info}; a limit set in neither place is unlimited.
 *
 * @param rpm requests per minute, or empty when unlimited
 * @param tpm tokens per minute, or empty when unlimited
 */
public record DeploymentLimits(OptionalLong rpm, OptionalLong tpm) {

    public static DeploymentLimits of(Deployment deployment) {
        return new DeploymentLimits(limit(deployment, "rpm"), limit(deployment, "tpm"));
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
