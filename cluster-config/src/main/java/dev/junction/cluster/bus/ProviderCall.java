package dev.junction.cluster.bus;

import dev.junction.config.Deployment;
import java.time.Duration;
import java.util.Map;

/**
 * The router's instruction to a provider verticle: send this request to this deployment.
 *
 * @param request the client request
 * @param deployment the deployment chosen for this attempt
 * @param timeout for a plain call, the whole call; for a stream, the wait for the response head
 * @param upstreamHeaders headers the call's observers add to the upstream request (a W3C {@code traceparent})
 * @param dropParams the gateway-wide {@code drop_params} ({@code litellm_settings} or {@code router_settings}):
 *     OpenAI parameters the deployment's provider does not support are dropped rather than refused
 */
public record ProviderCall(
        LlmRequest request,
        Deployment deployment,
        Duration timeout,
        Map<String, String> upstreamHeaders,
        boolean dropParams) {

    public ProviderCall {
        upstreamHeaders = upstreamHeaders == null ? Map.of() : upstreamHeaders;
    }

    /** A call nobody observes, without the gateway-wide {@code drop_params}. */
    public ProviderCall(LlmRequest request, Deployment deployment, Duration timeout) {
        this(request, deployment, timeout, Map.of(), false);
    }

    /** A call nobody observes. */
    public ProviderCall(LlmRequest request, Deployment deployment, Duration timeout, boolean dropParams) {
        this(request, deployment, timeout, Map.of(), dropParams);
    }

    /** This call with another request (the same one without some of its parameters). */
    public ProviderCall withRequest(LlmRequest other) {
        return new ProviderCall(other, deployment, timeout, upstreamHeaders, dropParams);
    }

    /** This call on another form of its deployment (the same one without some of its default parameters). */
    public ProviderCall withDeployment(Deployment other) {
        return new ProviderCall(request, other, timeout, upstreamHeaders, dropParams);
    }
}
