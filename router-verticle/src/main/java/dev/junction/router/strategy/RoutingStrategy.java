package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.limit.LimitFilter;
import dev.junction.router.stats.StatsView;
import java.util.List;
import java.util.Optional;

/**
 * How one deployment is chosen among a group's healthy ones: a pure function of the candidates, their stats
 * and the request (plus randomness). Implementations are stateless and safe to share between threads.
 */
public interface RoutingStrategy {

    /** The {@code routing_strategy} name this implements, e.g. {@code simple-shuffle}. */
    String name();

    /**
     * Chooses among {@code healthy} (already free of cooled-down deployments). Deployments that cannot take
     * one more call within their {@code rpm}/{@code tpm} are dropped first, whatever the strategy.
     *
     * @return the chosen deployment, or empty when no candidate is within its limits (a 429 whose
     *     Retry-After is {@link LimitFilter#untilNextWindow})
     */
    default Optional<Deployment> pick(List<Deployment> healthy, StatsView stats, PickContext context) {
        List<Deployment> within = LimitFilter.withinLimits(healthy, stats, context.inputTokens());
        return within.isEmpty() ? Optional.empty() : Optional.of(choose(within, stats, context));
    }

    /** The strategy's own choice among candidates that all fit their limits; {@code candidates} is never empty. */
    Deployment choose(List<Deployment> candidates, StatsView stats, PickContext context);
}
