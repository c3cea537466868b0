package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks uniformly at random. */
public final class UniformRandomPicker implements DeploymentPicker {
    @Override
    public Deployment pick(List<Deployment> candidates) {
        return candidates.size() == 1
                ? candidates.get(0)
                : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }
}
