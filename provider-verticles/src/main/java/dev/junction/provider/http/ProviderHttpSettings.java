package dev.junction.provider.http;

import java.time.Duration;

/**
 * The HTTP client of a provider verticle.
 *
 * @param maxConnectionsPerHost keep-alive pool size per upstream host
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param keepAliveTimeout how long an idle pooled connection is kept
 * @param breaker circuit breaker settings
 */
public record ProviderHttpSettings(
        int maxConnectionsPerHost, Duration connectTimeout, Duration keepAliveTimeout, BreakerSettings breaker) {
    public static final ProviderHttpSettings DEFAULT =
            new ProviderHttpSettings(256, Duration.ofSeconds(10), Duration.ofSeconds(60), BreakerSettings.DEFAULT);
}
