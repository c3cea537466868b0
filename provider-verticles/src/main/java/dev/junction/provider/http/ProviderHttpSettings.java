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
    /**
     * An HTTP/1.1 connection carries one call at a time, and an LLM call (a stream above all) can hold it for
     * minutes: the pool must be as large as the concurrency the gateway serves, or calls queue for a socket.
     * The first benchmark capped it at 256 and 10,000 concurrent streams timed out waiting.
     */
    public static final int MAX_STREAMS_PER_HOST = 20_000;

    public static final ProviderHttpSettings DEFAULT = new ProviderHttpSettings(
            MAX_STREAMS_PER_HOST, Duration.ofSeconds(10), Duration.ofSeconds(60), BreakerSettings.DEFAULT);
}
