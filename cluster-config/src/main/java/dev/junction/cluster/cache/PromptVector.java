package dev.junction.cluster.cache;

import java.util.Objects;

/**
 * A cached prompt's embedding, stored under the key of its answer.
 *
 * @param scope what must match besides the prompt for the answer to fit another request: the model group, the
 *     namespace, the other parameters, the caller's key (see the router's semantic lookup)
 * @param vector the embedding scaled to length 1, so that a dot product is the cosine similarity
 */
public record PromptVector(String scope, float[] vector) {
    public PromptVector {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(vector, "vector");
    }

    /** {@code values} scaled to length 1 (a zero vector stays zero, and matches nothing). */
    public static float[] normalized(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        float[] unit = new float[values.length];
        if (sum == 0) {
            return unit;
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < values.length; i++) {
            unit[i] = (float) (values[i] / norm);
        }
        return unit;
    }

    /** The cosine similarity with another unit vector, or -1 when their dimensions differ. */
    public double similarity(float[] unit) {
        if (unit.length != vector.length) {
            return -1;
        }
        double dot = 0;
        for (int i = 0; i < unit.length; i++) {
            dot += (double) unit[i] * vector[i];
        }
        return dot;
    }
}
