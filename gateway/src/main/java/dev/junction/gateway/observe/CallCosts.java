package dev.junction.gateway.observe;

import dev.junction.cluster.bus.Usage;
import dev.junction.config.Deployment;

/** What a finished call cost in USD, priced as spend tracking prices it. */
@FunctionalInterface
public interface CallCosts {
    CallCosts NONE = (deployment, usage) -> 0;

    double of(Deployment deployment, Usage usage);
}
