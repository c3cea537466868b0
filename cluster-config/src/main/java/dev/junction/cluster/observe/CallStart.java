package dev.junction.cluster.observe;

import java.util.Objects;

/**
 * A call as it arrives, before its body is read: what observers label it with.
 *
 * @param callId the call's {@code x-litellm-call-id}, or null when the request carried none and was refused
 *     before one was made
 * @param route the path the client called, e.g. {@code /v1/chat/completions}
 * @param caller who calls
 * @param traceparent the client's W3C {@code traceparent} header, or null
 * @param tracestate the client's W3C {@code tracestate} header, or null
 * @param userAgent the client's {@code user-agent}, or null
 * @param receivedNanos {@link System#nanoTime()} when it arrived
 * @param receivedEpochMillis the wall-clock time it arrived
 */
public record CallStart(
        String callId,
        String route,
        CallerLabels caller,
        String traceparent,
        String tracestate,
        String userAgent,
        long receivedNanos,
        long receivedEpochMillis) {

    public CallStart {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(caller, "caller");
    }
}
