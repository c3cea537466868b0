package dev.junction.router.strategy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The {@code routing_strategy_args} of {@code latency-based-routing}.
 *
 * @param ttl how old a sample may be and still count
 * @param lowestLatencyBuffer deployments within {@code lowest * (1 + buffer)} share the traffic at random
 * @param maxLatencyListSize how many of the most recent samples are averaged
 */
public record LatencyOptions(Duration ttl, double lowestLatencyBuffer, int maxLatencyListSize) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);
    public static final double DEFAULT_LOWEST_LATENCY_BUFFER = 0;
    public static final int DEFAULT_MAX_LATENCY_LIST_SIZE = 10;

    public LatencyOptions {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("routing_strategy_args.ttl must be positive");
        }
        if (lowestLatencyBuffer < 0) {
            throw new IllegalArgumentException("routing_strategy_args.lowest_latency_buffer must not be negative");
        }
        if (maxLatencyListSize < 1) {
            throw new IllegalArgumentException("routing_strategy_args.max_latency_list_size must be at least 1");
        }
    }

    public static LatencyOptions defaults() {
        return new LatencyOptions(DEFAULT_TTL, DEFAULT_LOWEST_LATENCY_BUFFER, DEFAULT_MAX_LATENCY_LIST_SIZE);
    }

    /** @param args the merged {@code routing_strategy_args}, or null */
    public static LatencyOptions from(JsonObject args) {
        if (args == null) {
            return defaults();
        }
        return new LatencyOptions(
                Duration.ofMillis(Math.round(number(args, "ttl", DEFAULT_TTL.toSeconds()) * 1000)),
                number(args, "lowest_latency_buffer", DEFAULT_LOWEST_LATENCY_BUFFER),
                (int) number(args, "max_latency_list_size", DEFAULT_MAX_LATENCY_LIST_SIZE));
    }

    private static double number(JsonObject args, String key, double fallback) {
        Object value = args.getValue(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("routing_strategy_args." + key + " must be a number, got " + text);
            }
        }
        return fallback;
    }
}
