package dev.junction.gateway.keys.store;

/**
 * One spend log row as stored.
 *
 * @param requestId the call's id ({@code x-litellm-call-id})
 * @param callType {@code acompletion}, {@code atext_completion}, {@code aembedding}
 * @param apiKey the key's hash, or null for the master key
 * @param keyAlias the key's alias, or null
 * @param userId the key's user, or null
 * @param teamId the key's team, or null
 * @param organizationId the team's organisation, or null
 * @param endUser the request's {@code user}, or null
 * @param model the deployment's model, or null when none answered
 * @param modelGroup the model group
 * @param modelId the deployment's id, or null
 * @param apiBase the deployment's endpoint without credentials, or null
 * @param provider the provider prefix, or null
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param totalTokens both
 * @param spend USD
 * @param startMillis when the call arrived
 * @param endMillis when it ended
 * @param status {@code success} or {@code failure}
 * @param cacheHit whether the response cache answered
 */
public record SpendLogRow(
        String requestId,
        String callType,
        String apiKey,
        String keyAlias,
        String userId,
        String teamId,
        String organizationId,
        String endUser,
        String model,
        String modelGroup,
        String modelId,
        String apiBase,
        String provider,
        long promptTokens,
        long completionTokens,
        long totalTokens,
        double spend,
        long startMillis,
        long endMillis,
        String status,
        boolean cacheHit) {}
