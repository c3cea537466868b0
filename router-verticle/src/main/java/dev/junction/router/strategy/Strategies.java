package dev.junction.router.strategy;

import dev.junction.config.RouterSettings;
import java.util.Random;

/** Builds the strategy that {@code routing_strategy} names, {@code simple-shuffle} when unset. */
public final class Strategies {
    private Strategies() {}

    public static RoutingStrategy fromSettings(RouterSettings settings) {
        return fromSettings(settings, PriceLookup.NONE, new Random());
    }

    /**
     * @param prices the model price table for cost-based routing
     * @param random the randomness every strategy draws from; seed it in tests
     * @throws IllegalArgumentException for a name LiteLLM does not know (the config loader rejects those
     *     earlier)
     */
    public static RoutingStrategy fromSettings(RouterSettings settings, PriceLookup prices, Random random) {
        String name = settings.merged().getString("routing_strategy", SimpleShuffle.NAME);
        return switch (name) {
            case SimpleShuffle.NAME -> new SimpleShuffle(random);
            case LeastBusy.NAME -> new LeastBusy(random);
            case LowestUsage.NAME, LowestUsage.NAME_V2 -> new LowestUsage(name, random);
            case LowestLatency.NAME -> new LowestLatency(
                    LatencyOptions.from(settings.merged().getJsonObject("routing_strategy_args")), random);
            case LowestCost.NAME -> new LowestCost(prices, random);
            default -> throw new IllegalArgumentException("unknown routing_strategy: " + name);
        };
    }
}
