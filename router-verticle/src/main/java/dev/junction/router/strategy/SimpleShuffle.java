package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Random;

/**
 * {@code simple-shuffle}, the default: a random draw that reads no usage. The first candidate decides how
 * to weigh: by {@code weight} if it has one, else by {@code rpm}, else by {@code tpm}, else uniformly. Other
 * candidates lacking the chosen field weigh 0, exactly as in LiteLLM.
 */
public final class SimpleShuffle implements RoutingStrategy {
    public static final String NAME = "simple-shuffle";
    private static final List<String> WEIGHT_FIELDS = List.of("weight", "rpm", "tpm");

    private final Random random;

    public SimpleShuffle(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context) {
        Deployment first = candidates.get(0);
        for (String field : WEIGHT_FIELDS) {
            if (first.litellmParams().getValue(field) instanceof Number) {
                return Choices.weighted(candidates, deployment -> weight(deployment, field), random);
            }
        }
        return Choices.uniform(candidates, random);
    }

    private static double weight(Deployment deployment, String field) {
        return deployment.litellmParams().getValue(field) instanceof Number number ? number.doubleValue() : 0;
    }
}
