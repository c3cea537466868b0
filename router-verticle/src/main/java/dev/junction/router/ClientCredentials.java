package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.config.Deployment;

/**
 * Applies a request's own {@code api_key}/{@code api_base}, after any fallback entry's fields were merged in.
 * The HTTP layer's one check (the gateway's {@code ClientCredentialCheck}) has already refused them, in the
 * body and in every fallback entry, unless {@code allow_client_side_credentials} is set, and refused a client
 * endpoint without a client key; {@link Deployment#withClientCredentials} still never gives a client endpoint
 * the deployment's secrets.
 */
final class ClientCredentials {
    private ClientCredentials() {}

    static Deployment apply(LlmRequest request, Deployment chosen) {
        String apiBase = request.body().getString("api_base", request.body().getString("base_url"));
        String apiKey = request.body().getString("api_key");
        if (apiBase == null && apiKey == null) {
            return chosen;
        }
        return chosen.withClientCredentials(apiBase, apiKey);
    }
}
