package dev.junction.router.stream;

import dev.junction.cluster.error.GatewayException;
import io.vertx.core.Future;

/**
 * What the router would have done next had an attempt failed before its stream began: its next retry, else
 * its fallbacks. A stream that breaks after the client has part of the answer asks it for a continuation.
 */
@FunctionalInterface
public interface NextChoice {
    /**
     * The next attempt of the call, asked to continue {@code streamed} (see {@link Continuation}), held until
     * its first content; fails when the router has no choice left, or every one failed.
     *
     * @param failure why the stream broke: it decides the retries and fallbacks as any attempt's error would
     * @param streamed the answer text the client already has
     */
    Future<Choice> after(GatewayException failure, String streamed);

    /** The attempt that continues the answer, and what to ask should it break too (null: nothing). */
    record Choice(Segment segment, NextChoice next) {}
}
