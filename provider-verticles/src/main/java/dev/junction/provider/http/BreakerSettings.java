package dev.junction.provider.http;

import java.time.Duration;

/**
 * How eagerly a deployment's circuit breaker opens.
 *
 * @param maxFailures failures within {@code failureWindow} that open the breaker
 * @param failureWindow the rolling window failures are counted in
 * @param resetTimeout how long an open breaker refuses calls before letting one through (half-open)
 */
public record BreakerSettings(int maxFailures, Duration failureWindow, Duration resetTimeout) {
    public static final BreakerSettings DEFAULT =
            new BreakerSettings(5, Duration.ofSeconds(10), Duration.ofSeconds(15));
}
