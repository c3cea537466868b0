package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Random;

/**
 * {@code least-busy}: the candidate with the fewest calls in flight, ties at random. Unlike LiteLLM, the
 * minimum is taken over the healthy candidates only; LiteLLM also counts cooled-down ids and then falls back
 * to a random healthy deployment when one of those holds the minimum.
 */
public final class LeastBusy implements RoutingStrategy {
    public static final String NAME = "least-busy";

    private final Random random;

    public LeastBusy(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context) {
        return Choices.lowest(candidates, deployment -> stats.inFlight(deployment.id()), random);
    }
}
