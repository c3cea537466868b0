package dev.junction.router.fallback;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One fallback to try: a model group, alias or deployment id, resolved like a requested model.
 *
 * @param model what to call instead
 * @param overrides request parameters to replace for this attempt (only client-side fallbacks given as
 *     {@code {"model": ..., "temperature": ...}} carry any); the caller applies the same checks to them as to
 *     the request body itself
 */
public record FallbackTarget(String model, JsonObject overrides) {

    public FallbackTarget {
        Objects.requireNonNull(model, "model");
        overrides = overrides == null ? new JsonObject() : overrides.copy();
    }

    public static FallbackTarget group(String model) {
        return new FallbackTarget(model, null);
    }
}
