package dev.junction.provider;

import dev.junction.cluster.bus.ProviderCall;
import io.vertx.core.Future;

/**
 * Completes an upstream request with credentials that cannot be known from the config alone: an access token
 * fetched (and cached) from an identity service, or a signature over the final URL, headers and body. Runs on
 * the provider verticle's event loop after the adapter's translation and must never block it: credential
 * files and token exchanges go to worker threads or the non-blocking HTTP client.
 */
@FunctionalInterface
public interface RequestSigner {
    /** For providers whose credentials are static headers, set by the adapter itself. */
    RequestSigner NONE = (call, request) -> Future.succeededFuture(request);

    Future<UpstreamRequest> sign(ProviderCall call, UpstreamRequest request);
}
