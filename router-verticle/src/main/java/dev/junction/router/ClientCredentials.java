package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.config.Deployment;

/**
 * Applies a request's own {@code api_key}/{@code api_base}. The HTTP layer has already refused them unless
 * {@code allow_client_side_credentials} is set, so reaching here means they are allowed.
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
