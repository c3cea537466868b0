package dev.junction.cluster.cache;

import java.util.Objects;

/**
 * One cached answer: the JSON body a provider answered (a streamed answer assembled into that body), in OpenAI's
 * format, or in the Messages or Responses API's own when the deployment spoke it natively; when it was stored,
 * and which deployment produced it.
 *
 * @param body the whole answer as JSON, UTF-8
 * @param storedMillis epoch millis when it was stored, for a request's {@code s-maxage}
 * @param deploymentId the {@code model_info.id} of the deployment that answered
 */
public record CachedAnswer(byte[] body, long storedMillis, String deploymentId) {
    public CachedAnswer {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(deploymentId, "deploymentId");
    }

    /** Its age at {@code nowMillis}, in seconds. */
    public double ageSeconds(long nowMillis) {
        return Math.max(0, nowMillis - storedMillis) / 1000.0;
    }
}
