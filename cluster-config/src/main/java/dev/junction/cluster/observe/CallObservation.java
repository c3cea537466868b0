package dev.junction.cluster.observe;

import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.error.GatewayException;

/**
 * What one observer follows of one call. Events arrive in this order: {@link #parsed} (unless the request was
 * refused before), {@link #keyChecked} for each limit or budget held, then for each group tried (the first,
 * then each fallback) its attempts, {@link #firstToken} for a stream, and {@link #ended} once. They may arrive
 * on any thread; every method must be cheap and must never throw into the request path.
 */
public interface CallObservation {
    /** Follows nothing. */
    CallObservation NONE = new CallObservation() {};

    /** The request was read and validated. */
    default void parsed(LlmRequest request) {}

    /** A key's or team's limits or budget were checked (done before routing, on virtual-key calls only). */
    default void keyChecked(KeyCheck check) {}

    /**
     * A deployment was chosen and is about to be called; what it returns follows that attempt.
     *
     * @param start the deployment, its group and the attempt's place among retries
     */
    default AttemptObservation attemptStarted(AttemptStart start) {
        return AttemptObservation.NONE;
    }

    /** The group failed with {@code error} and {@code fallbackGroup} is tried next. */
    default void fallbackStarted(String fromGroup, String fallbackGroup, GatewayException error) {}

    /** The fallback to {@code fallbackGroup} answered ({@code succeeded}) or failed. */
    default void fallbackEnded(String fallbackGroup, boolean succeeded) {}

    /** The first frame of a streamed answer went to the client. */
    default void firstToken(long nanoTime) {}

    /** The answer has gone out (a stream: it ended), or the call failed. Called exactly once. */
    default void ended(CallEnd end) {}
}
