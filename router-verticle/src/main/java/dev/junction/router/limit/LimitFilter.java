package dev.junction.router.limit;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drops deployments whose minute budget cannot take one more call. LiteLLM enforces {@code rpm}/{@code tpm}
 * only under some strategies; Junction enforces them under every strategy, because a limit in the config is
 * a promise to the upstream that should not depend on how the next deployment is chosen.
 */
public final class LimitFilter {
    private LimitFilter() {}

    /**
     * Whether one more call with {@code inputTokens} fits: requests this minute + 1 within {@code rpm} and
     * tokens this minute + the input estimate within {@code tpm}.
     */
    public static boolean fits(Deployment deployment, StatsView stats, long inputTokens) {
        DeploymentLimits limits = DeploymentLimits.of(deployment);
        if (limits.rpm().isPresent()
                && stats.requestsThisMinute(deployment.id()) + 1 > limits.rpm().getAsLong()) {
            return false;
        }
        return limits.tpm().isEmpty()
                || stats.tokensThisMinute(deployment.id()) + inputTokens
                        <= limits.tpm().getAsLong();
    }

    /** The candidates that can take one more call, in their original order. */
    public static List<Deployment> withinLimits(List<Deployment> candidates, StatsView stats, long inputTokens) {
        return candidates.stream()
                .filter(deployment -> fits(deployment, stats, inputTokens))
                .toList();
    }

    /**
     * The {@code Retry-After} of a 429 sent because every candidate is over its limits: usage is counted per
     * fixed minute, so the first slot frees for all of them when the current window ends.
     */
    public static Duration untilNextWindow(Instant now) {
        return MinuteWindow.untilNextWindow(now);
    }
}
