package dev.junction.cluster.spend;

import dev.junction.cluster.bus.CallOwner;

/**
 * One call as its spend log row keeps it: who made it, where it went, what it used and cost. Written off the
 * request path ({@link CallLog}).
 *
 * @param requestId the call's {@code x-litellm-call-id}
 * @param callType LiteLLM's name of the operation: {@code acompletion}, {@code atext_completion}, {@code
 *     aembedding}
 * @param owner who made it
 * @param model the upstream model (the deployment's {@code litellm_params.model}), or null when none answered
 * @param modelGroup the model group it was routed in, or the model asked for when it was never routed
 * @param modelId the deployment's id, or null
 * @param apiBase the deployment's endpoint without credentials, or null
 * @param provider the deployment's provider prefix ({@code openai}, ...), or null
 * @param promptTokens prompt tokens
 * @param completionTokens completion tokens
 * @param spend USD
 * @param startMillis when the call arrived (epoch millis)
 * @param endMillis when it ended: its answer, or the end of its stream
 * @param success whether it was answered
 * @param cacheHit whether the response cache answered it (then no provider was called and it cost nothing)
 */
public record CallRecord(
        String requestId,
        String callType,
        CallOwner owner,
        String model,
        String modelGroup,
        String modelId,
        String apiBase,
        String provider,
        long promptTokens,
        long completionTokens,
        double spend,
        long startMillis,
        long endMillis,
        boolean success,
        boolean cacheHit) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
