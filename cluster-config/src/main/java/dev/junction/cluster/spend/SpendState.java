package dev.junction.cluster.spend;

/**
 * A subject's spend at one moment.
 *
 * @param spend USD settled in the current budget period
 * @param reserved USD estimated for calls in flight
 * @param resetAtMillis when the budget period ends (epoch millis), or 0 for never
 */
public record SpendState(double spend, double reserved, long resetAtMillis) {}
