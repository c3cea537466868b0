package dev.junction.router;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.config.Deployment;
import dev.junction.router.stream.Continuation;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * What one client call has learnt across its attempts, retries, fallbacks and continuations alike. Used on
 * the router's event loop only.
 */
final class CallState {
    /** Deployments that timed out or whose breaker is open: not tried again within this call. */
    private final Set<String> excluded = new HashSet<>();

    private int retries;
    private String streamed = "";
    private boolean prefillRefused;

    /**
     * Leaves {@code deployment} out of this call's further choices. A deployment that let a call time out
     * would most likely make the next one wait as long, and a breaker that is open refuses at once anyway.
     */
    void exclude(Deployment deployment) {
        excluded.add(deployment.id());
    }

    boolean excludes(Deployment deployment) {
        return excluded.contains(deployment.id());
    }

    boolean anyExcluded() {
        return !excluded.isEmpty();
    }

    void retried() {
        retries++;
    }

    /** Every retry made so far, in every group tried. */
    int retries() {
        return retries;
    }

    /** The attempts from now on continue an answer of which the client has {@code text}. */
    void continueAfter(String text) {
        streamed = text;
    }

    /** A deployment refused a trailing assistant message: from now on the call sends none. */
    void refusePrefill() {
        prefillRefused = true;
    }

    boolean prefillRefused() {
        return prefillRefused;
    }

    /** {@code request} as sent to {@code deployment}: shaped to continue the answer when there is one. */
    LlmRequest shape(LlmRequest request, Deployment deployment) {
        JsonObject shaped = Continuation.shape(request.body(), deployment.family(), streamed, prefillRefused);
        if (shaped == request.body()) {
            return request;
        }
        return new LlmRequest(
                request.callId(),
                request.endpoint(),
                request.model(),
                shaped,
                null,
                request.stream(),
                request.timeoutOverride(),
                request.cancellation(),
                request.receivedNanos(),
                request.grant());
    }
}
