package dev.junction.cluster.observe;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import java.time.Duration;
import java.util.Map;

/** What one observer follows of one attempt on one deployment. */
public interface AttemptObservation {
    /** Follows nothing. */
    AttemptObservation NONE = new AttemptObservation() {};

    /**
     * Headers to send upstream with this attempt (a W3C {@code traceparent}); empty for most observers. Asked
     * once, before the request leaves.
     */
    default Map<String, String> upstreamHeaders() {
        return Map.of();
    }

    /**
     * The deployment answered: a whole answer, or a stream that reached its end.
     *
     * @param usage the tokens reported (or counted, for a stream that reported none)
     * @param finishReason the first choice's finish reason, or null (streams, embeddings)
     */
    default void succeeded(Usage usage, String finishReason) {}

    /** The attempt failed (before an answer, or a stream midway). */
    default void failed(GatewayException error) {}

    /** This attempt's failure took its deployment out of rotation for {@code duration}, cluster-wide. */
    default void cooledDown(Duration duration, GatewayException error) {}
}
