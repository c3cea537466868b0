package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Random;

/**
 * {@code usage-based-routing} and {@code usage-based-routing-v2}: among the candidates within their limits,
 * the one that served the fewest tokens this minute, ties at random. Both names share this implementation:
 * the v1/v2 split in LiteLLM is about where counters live (Junction keeps them in the cluster for both), and
 * v2's off-by-one {@code rpm + 1 >= limit} is not copied.
 */
public final class LowestUsage implements RoutingStrategy {
    public static final String NAME = "usage-based-routing";
    public static final String NAME_V2 = "usage-based-routing-v2";

    private final String name;
    private final Random random;

    public LowestUsage(String name, Random random) {
        if (!NAME.equals(name) && !NAME_V2.equals(name)) {
            throw new IllegalArgumentException("not a usage-based strategy: " + name);
        }
        this.name = name;
        this.random = random;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context) {
        return Choices.lowest(candidates, deployment -> stats.tokensThisMinute(deployment.id()), random);
    }
}
