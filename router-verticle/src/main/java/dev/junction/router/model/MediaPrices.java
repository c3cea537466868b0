package dev.junction.router.model;

import static dev.junction.router.model.DeploymentFields.number;

import dev.junction.config.Deployment;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The prices of the operations that are not billed per token, in LiteLLM's fields (USD): per image ({@code
 * output_cost_per_image}, else {@code input_cost_per_image}), per pixel of an image size ({@code
 * input_cost_per_pixel}), per second of transcribed audio ({@code input_cost_per_second}), per character of
 * speech ({@code input_cost_per_character}) and per rerank query ({@code input_cost_per_query}).
 */
public record MediaPrices(
        OptionalDouble perImage,
        OptionalDouble perPixel,
        OptionalDouble perSecond,
        OptionalDouble perCharacter,
        OptionalDouble perQuery) {

    public static final MediaPrices NONE = new MediaPrices(
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty());

    /** The prices in a JSON object of LiteLLM's fields (a deployment's {@code litellm_params} or {@code model_info}). */
    static MediaPrices of(Function<String, OptionalDouble> field) {
        OptionalDouble perImage = field.apply("output_cost_per_image");
        return new MediaPrices(
                perImage.isPresent() ? perImage : field.apply("input_cost_per_image"),
                field.apply("input_cost_per_pixel"),
                field.apply("input_cost_per_second"),
                field.apply("input_cost_per_character"),
                field.apply("input_cost_per_query"));
    }

    /**
     * A deployment's prices: its own ({@code litellm_params}, then {@code model_info}) over those of {@code
     * table}, price by price, as its token prices are merged.
     */
    static MediaPrices forDeployment(Deployment deployment, MediaPrices table) {
        return own(deployment).over(table);
    }

    /** The prices the deployment sets itself: {@code litellm_params}, then {@code model_info}. */
    static MediaPrices own(Deployment deployment) {
        MediaPrices params = of(key -> number(deployment.litellmParams(), key));
        MediaPrices info = of(key -> number(deployment.modelInfo(), key));
        return params.over(info);
    }

    private MediaPrices over(MediaPrices other) {
        return new MediaPrices(
                or(perImage, other.perImage),
                or(perPixel, other.perPixel),
                or(perSecond, other.perSecond),
                or(perCharacter, other.perCharacter),
                or(perQuery, other.perQuery));
    }

    private static OptionalDouble or(OptionalDouble own, OptionalDouble other) {
        return own.isPresent() ? own : other;
    }

    /** {@link #of} over a JSON object, for tests and table rows. */
    static MediaPrices of(JsonObject fields) {
        return of(key -> number(fields, key));
    }
}
