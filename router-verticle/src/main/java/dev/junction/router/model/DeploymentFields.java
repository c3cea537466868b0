package dev.junction.router.model;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the optional numbers and names a deployment may carry in {@code model_info} or {@code litellm_params}.
 * {@code model_info} is passed through from the YAML unchecked, so a value may be a number, a numeric string
 * (from {@code os.environ/}) or junk; junk reads as absent rather than failing a request.
 */
public final class DeploymentFields {
    private DeploymentFields() {}

    /** {@code model_info.base_model}, else {@code litellm_params.base_model}: the table key the user names. */
    public static Optional<String> baseModel(Deployment deployment) {
        return text(deployment.modelInfo(), "base_model").or(() -> text(deployment.litellmParams(), "base_model"));
    }

    /** {@code litellm_params.order}, else {@code model_info.order}: the priority tier, lower first. */
    public static OptionalLong order(Deployment deployment) {
        OptionalLong order = wholeNumber(deployment.litellmParams(), "order");
        return order.isPresent() ? order : wholeNumber(deployment.modelInfo(), "order");
    }

    public static Optional<String> text(JsonObject json, String key) {
        Object value = json.getValue(key);
        return value instanceof String text && !text.isBlank() ? Optional.of(text.strip()) : Optional.empty();
    }

    /** A whole number; 8192.0 counts as whole, 1.5 does not. */
    public static OptionalLong wholeNumber(JsonObject json, String key) {
        OptionalDouble number = number(json, key);
        if (number.isEmpty() || number.getAsDouble() != Math.rint(number.getAsDouble())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) number.getAsDouble());
    }

    public static OptionalDouble number(JsonObject json, String key) {
        Object value = json.getValue(key);
        if (value instanceof Number number) {
            return finite(number.doubleValue());
        }
        if (value instanceof String text) {
            try {
                return finite(Double.parseDouble(text.strip()));
            } catch (NumberFormatException notANumber) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble finite(double value) {
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
