package dev.junction.router.keys;

import dev.junction.cluster.bus.CallOwner;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.spend.CallLog;
import dev.junction.cluster.spend.CallRecord;
import dev.junction.config.Deployment;
import dev.junction.config.PublicUrl;

/** Turns finished calls into spend log rows ({@link CallRecord}) for the {@link CallLog}. */
final class CallRecords {
    private final CallLog log;

    CallRecords(CallLog log) {
        this.log = log;
    }

    boolean enabled() {
        return log != CallLog.NONE;
    }

    void answered(LlmRequest request, RoutedReply routed, Usage usage, double cost, long startMillis, boolean ok) {
        if (!enabled()) {
            return;
        }
        Deployment deployment = routed.deployment();
        log.record(new CallRecord(
                request.callId(),
                callType(request.endpoint()),
                owner(request),
                deployment.litellmModel(),
                routed.modelGroup(),
                deployment.id(),
                deployment.apiBase() == null ? null : PublicUrl.of(deployment.apiBase()),
                deployment.provider().prefix(),
                usage.promptTokens(),
                usage.completionTokens(),
                cost,
                startMillis,
                System.currentTimeMillis(),
                ok,
                routed.cacheHit()));
    }

    /** A call that was refused or failed before any answer: a row with no deployment and no spend. */
    void failed(LlmRequest request, long startMillis) {
        if (!enabled()) {
            return;
        }
        log.record(new CallRecord(
                request.callId(),
                callType(request.endpoint()),
                owner(request),
                null,
                request.model(),
                null,
                null,
                null,
                0,
                0,
                0,
                startMillis,
                System.currentTimeMillis(),
                false,
                false));
    }

    private static CallOwner owner(LlmRequest request) {
        KeyGrant grant = request.grant();
        CallOwner owner = grant == null ? CallOwner.NONE : grant.owner();
        if (owner.endUser() == null && request.body().getValue("user") instanceof String user) {
            owner = owner.withEndUser(user);
        }
        return owner;
    }

    /** LiteLLM's {@code call_type} of an operation. */
    static String callType(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> "acompletion";
            case COMPLETIONS -> "atext_completion";
            case EMBEDDINGS -> "aembedding";
            default -> "a" + endpoint.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
