package dev.junction.router.cooldown;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import java.time.Duration;
import java.util.Objects;

/**
 * One failed call, as the cooldown rules see it.
 *
 * @param kind the error kind
 * @param upstreamStatus the upstream's HTTP status, or 0 when the failure was not an upstream answer (the
 *     kind's own status is used then)
 * @param retryAfter the upstream's {@code Retry-After}, or null
 * @param deployment the deployment that failed
 * @param wildcard whether it was reached through a wildcard route
 * @param groupSize how many deployments its model group has
 * @param outcomes its recent counters, including this failure
 */
public record Failure(
        ErrorKind kind,
        int upstreamStatus,
        Duration retryAfter,
        Deployment deployment,
        boolean wildcard,
        int groupSize,
        RecentOutcomes outcomes) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(outcomes, "outcomes");
    }

    public static Failure of(
            GatewayException error, Deployment deployment, boolean wildcard, int groupSize, RecentOutcomes outcomes) {
        return new Failure(
                error.kind(),
                error.upstreamStatus(),
                error.retryAfter().orElse(null),
                deployment,
                wildcard,
                groupSize,
                outcomes);
    }

    /** The status the rules reason about. */
    public int status() {
        return upstreamStatus > 0 ? upstreamStatus : kind.httpStatus();
    }
}
