package dev.junction.cluster.state;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cooldown ends held in this JVM, so that checking one is a memory read on the request path. */
final class LocalCooldowns {
    private final Clock clock;
    private final Map<String, Long> untilByDeployment = new ConcurrentHashMap<>();

    LocalCooldowns(Clock clock) {
        this.clock = clock;
    }

    /** Cools the deployment until {@code untilEpochMillis}, unless it already is until later. */
    void until(String deploymentId, long untilEpochMillis) {
        untilByDeployment.merge(deploymentId, untilEpochMillis, Math::max);
    }

    void clear(String deploymentId) {
        untilByDeployment.remove(deploymentId);
    }

    Optional<Duration> remaining(String deploymentId) {
        Long until = untilByDeployment.get(deploymentId);
        if (until == null) {
            return Optional.empty();
        }
        long remaining = until - clock.millis();
        if (remaining <= 0) {
            untilByDeployment.remove(deploymentId, until);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(remaining));
    }
}
