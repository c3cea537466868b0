package dev.junction.cluster.observe;

import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * How a call ended.
 *
 * @param status the HTTP status the client got (200 for a stream, even one that ended in an error event)
 * @param error why it failed, or null when it succeeded
 * @param routed the router's answer, or null when it never routed (refused, or every attempt failed)
 * @param usage the tokens of the answer, {@link Usage#NONE} when unknown
 * @param cost the answer's cost in USD, 0 when unknown
 * @param responseBody the whole answer's body, or null (streams, failures)
 * @param endedNanos {@link System#nanoTime()} when it ended
 */
public record CallEnd(
        int status,
        GatewayException error,
        RoutedReply routed,
        Usage usage,
        double cost,
        Buffer responseBody,
        long endedNanos) {

    public boolean succeeded() {
        return error == null;
    }
}
