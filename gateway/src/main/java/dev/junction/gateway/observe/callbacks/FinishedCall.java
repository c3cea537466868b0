package dev.junction.gateway.observe.callbacks;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallStart;
import dev.junction.config.Deployment;
import java.util.List;

/**
 * Everything the log sinks want to know of one call, once it ended.
 *
 * @param start how it arrived
 * @param request the request as parsed, or null when it was refused before
 * @param attempts every attempt, in order (retries and fallbacks included)
 * @param firstTokenNanos when a stream's first frame went out ({@link System#nanoTime()}), or 0
 * @param end how it ended
 */
public record FinishedCall(
        CallStart start, LlmRequest request, List<AttemptRecord> attempts, long firstTokenNanos, CallEnd end) {

    /**
     * One attempt.
     *
     * @param deployment the deployment called
     * @param modelGroup the group it was chosen in
     * @param retry its place among the group's retries
     * @param error how it failed ({@code litellm.<Name>}), or null when it answered
     */
    public record AttemptRecord(Deployment deployment, String modelGroup, int retry, String error) {}

    /** The call's id: the request's, else the one the client sent, else "-". */
    public String callId() {
        if (request != null) {
            return request.callId();
        }
        return start.callId() == null ? "-" : start.callId();
    }

    /** The deployment that answered, else the last one tried, else null. */
    public Deployment deployment() {
        if (end.routed() != null) {
            return end.routed().deployment();
        }
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).deployment();
    }

    /** The model the client asked for, or null when the request was refused unread. */
    public String requestedModel() {
        return request == null ? null : request.model();
    }

    public double durationSeconds() {
        return (end.endedNanos() - start.receivedNanos()) / 1e9;
    }
}
