package dev.junction.cluster.bus;

import dev.junction.config.Deployment;
import java.time.Duration;

/**
 * The router's instruction to a provider verticle: send this request to this deployment.
 *
 * @param request the client request
 * @param deployment the deployment chosen for this attempt
 * @param timeout for a plain call, the whole call; for a stream, the wait for the response head
 * @param upstreamHeaders headers the call's observers add to the upstream request (a W3C {@code traceparent})
 */
public record ProviderCall(
        LlmRequest request, Deployment deployment, Duration timeout, java.util.Map<String, String> upstreamHeaders) {

    public ProviderCall {
        upstreamHeaders = upstreamHeaders == null ? java.util.Map.of() : upstreamHeaders;
    }

    public ProviderCall(LlmRequest request, Deployment deployment, Duration timeout) {
        this(request, deployment, timeout, java.util.Map.of());
    }
}
