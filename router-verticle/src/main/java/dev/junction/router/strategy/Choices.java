package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** The random draws strategies share: uniform, weighted, and the lowest score with ties broken at random. */
final class Choices {
    private Choices() {}

    static Deployment uniform(List<Deployment> candidates, Random random) {
        return candidates.size() == 1 ? candidates.get(0) : candidates.get(random.nextInt(candidates.size()));
    }

    /**
     * Draws with probability proportional to each weight. All-zero weights fall back to a uniform draw, where
     * Python's {@code random.choices} would raise.
     */
    static Deployment weighted(List<Deployment> candidates, ToDoubleFunction<Deployment> weight, Random random) {
        double[] cumulative = new double[candidates.size()];
        double total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            total += Math.max(0, weight.applyAsDouble(candidates.get(i)));
            cumulative[i] = total;
        }
        if (!(total > 0)) {
            return uniform(candidates, random);
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return candidates.get(i);
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** The candidate with the lowest score; among equal lowest scores, one at random. */
    static Deployment lowest(List<Deployment> candidates, ToDoubleFunction<Deployment> score, Random random) {
        return uniform(lowestAll(candidates, score), random);
    }

    static List<Deployment> lowestAll(List<Deployment> candidates, ToDoubleFunction<Deployment> score) {
        List<Deployment> best = new ArrayList<>();
        double bestScore = Double.POSITIVE_INFINITY;
        for (Deployment candidate : candidates) {
            double value = score.applyAsDouble(candidate);
            if (value < bestScore) {
                bestScore = value;
                best.clear();
                best.add(candidate);
            } else if (value == bestScore) {
                best.add(candidate);
            }
        }
        return best.isEmpty() ? candidates : best;
    }
}
