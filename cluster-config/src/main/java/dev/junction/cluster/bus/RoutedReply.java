package dev.junction.cluster.bus;

import dev.junction.config.Deployment;

/**
 * The router's answer to the HTTP verticle.
 *
 * @param reply what the deployment answered
 * @param deployment the deployment that answered
 * @param modelGroup the model group the request was routed in
 * @param attemptedRetries retries made before this answer
 * @param attemptedFallbacks fallback groups tried before this answer
 * @param upstreamNanos time spent waiting on providers (to the response head, for a stream)
 * @param headers further response headers the router sets ({@code x-ratelimit-*}, {@code x-litellm-max-retries})
 * @param cache what the response cache did for this call, or null when it was not consulted
 */
public record RoutedReply(
        ProviderReply reply,
        Deployment deployment,
        String modelGroup,
        int attemptedRetries,
        int attemptedFallbacks,
        long upstreamNanos,
        java.util.Map<String, String> headers,
        CacheOutcome cache) {

    public RoutedReply {
        headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
    }

    /** A reply the response cache was not consulted for. */
    public RoutedReply(
            ProviderReply reply,
            Deployment deployment,
            String modelGroup,
            int attemptedRetries,
            int attemptedFallbacks,
            long upstreamNanos,
            java.util.Map<String, String> headers) {
        this(reply, deployment, modelGroup, attemptedRetries, attemptedFallbacks, upstreamNanos, headers, null);
    }

    /** Whether the answer came from the response cache: no provider was called for it. */
    public boolean cacheHit() {
        return cache != null && cache.hit();
    }

    /** This reply with {@code replacement}'s headers instead of its own. */
    public RoutedReply withHeaders(java.util.Map<String, String> replacement) {
        return new RoutedReply(
                reply, deployment, modelGroup, attemptedRetries, attemptedFallbacks, upstreamNanos, replacement, cache);
    }

    /** This reply with another provider reply (a wrapped stream) and what the cache did. */
    public RoutedReply withCache(ProviderReply replacement, CacheOutcome outcome) {
        return new RoutedReply(
                replacement,
                deployment,
                modelGroup,
                attemptedRetries,
                attemptedFallbacks,
                upstreamNanos,
                headers,
                outcome);
    }
}
