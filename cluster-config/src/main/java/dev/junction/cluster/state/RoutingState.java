package dev.junction.cluster.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The router's shared state: per-deployment usage windows, in-flight calls, latencies and cooldowns, held
 * for the whole cluster. Every change is one atomic cluster operation; nothing is read, modified and
 * written back.
 */
public interface RoutingState {

    /** The usage window of an instant: whole minutes since the epoch, UTC (LiteLLM's per-minute keys). */
    static long windowOf(long epochMillis) {
        return epochMillis / 60_000;
    }

    /**
     * Admits a call on a deployment if one more request and {@code tokens} more tokens fit under its limits
     * this minute, and counts it.
     *
     * @param rpmLimit the requests-per-minute limit, or {@link Long#MAX_VALUE}
     * @param tpmLimit the tokens-per-minute limit, or {@link Long#MAX_VALUE}
     */
    Future<Admission> admit(String deploymentId, long rpmLimit, long tpmLimit, long tokens);

    /** Records the end of a call and returns the deployment's state after it. */
    Future<UsageSnapshot> complete(String deploymentId, CallOutcome outcome);

    /** The current state of several deployments, in one asynchronous call. */
    Future<Map<String, UsageSnapshot>> snapshot(Collection<String> deploymentIds);

    /** Puts a deployment in cooldown on every node for {@code duration}. */
    Future<Void> coolDown(String deploymentId, Duration duration, String reason);

    /** How long a deployment stays cooled, or empty when it is not. A local read: no network. */
    Optional<Duration> cooldownRemaining(String deploymentId);

    default boolean isCoolingDown(String deploymentId) {
        return cooldownRemaining(deploymentId).isPresent();
    }
}
