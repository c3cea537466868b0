package dev.junction.router.strategy;

import java.time.Instant;
import java.util.Objects;

/**
 * What a strategy may know about the request being routed.
 *
 * @param inputTokens the estimated prompt tokens, checked against {@code tpm}
 * @param stream whether the call streams (latency routing then compares time to first token)
 * @param now the routing instant, so age-based rules are testable
 */
public record PickContext(long inputTokens, boolean stream, Instant now) {

    public PickContext {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must not be negative");
        }
        Objects.requireNonNull(now, "now");
    }

    public static PickContext of(long inputTokens, boolean stream) {
        return new PickContext(inputTokens, stream, Instant.now());
    }
}
