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
 */
public record RoutedReply(
        ProviderReply reply,
        Deployment deployment,
        String modelGroup,
        int attemptedRetries,
        int attemptedFallbacks,
        long upstreamNanos,
        java.util.Map<String, String> headers) {

    public RoutedReply {
        headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
    }
}
