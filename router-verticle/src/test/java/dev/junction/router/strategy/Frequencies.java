package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import dev.junction.router.stats.StatsView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a strategy many times and reports how often each deployment id was picked. */
final class Frequencies {
    private Frequencies() {}

    static Map<String, Double> of(
            RoutingStrategy strategy, List<Deployment> candidates, StatsView stats, PickContext context, int runs) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            String id = strategy.pick(candidates, stats, context).orElseThrow().id();
            counts.merge(id, 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((id, count) -> shares.put(id, count / (double) runs));
        return shares;
    }
}
