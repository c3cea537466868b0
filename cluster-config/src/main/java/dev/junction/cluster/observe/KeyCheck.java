package dev.junction.cluster.observe;

/**
 * A check of a virtual key's or its team's rpm/tpm/parallel limits, or of its budget, before routing.
 *
 * @param kind {@code "rate_limit"} or {@code "budget"}
 * @param subject whose: {@code key} or {@code team <id>}
 * @param admitted whether the call was let through
 * @param startedNanos {@link System#nanoTime()} when the check began
 * @param endedNanos {@link System#nanoTime()} when it answered
 */
public record KeyCheck(String kind, String subject, boolean admitted, long startedNanos, long endedNanos) {
    public static final String RATE_LIMIT = "rate_limit";
    public static final String BUDGET = "budget";
}
