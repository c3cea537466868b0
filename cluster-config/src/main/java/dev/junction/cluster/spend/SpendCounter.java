package dev.junction.cluster.spend;

/**
 * A key's or team's spend as the cluster holds it. Only ever changed inside entry processors on the partition
 * that owns it, so reservations and settlements from every node are atomic.
 */
final class SpendCounter {

    /** USD settled in the current budget period. */
    double spend;

    /** USD estimated for calls admitted and not yet settled. */
    double reserved;

    /** When the current budget period ends (epoch millis), or 0 when the spend never resets. */
    long resetAtMillis;

    /**
     * Starts a new budget period when the current one is over: spend back to 0, the end moved on by whole
     * periods. True when it did.
     */
    boolean rollOver(long nowMillis, long periodMillis) {
        if (periodMillis <= 0) {
            resetAtMillis = 0;
            return false;
        }
        if (resetAtMillis == 0) {
            resetAtMillis = nowMillis + periodMillis;
            return false;
        }
        if (nowMillis < resetAtMillis) {
            return false;
        }
        long periods = (nowMillis - resetAtMillis) / periodMillis + 1;
        resetAtMillis += periods * periodMillis;
        spend = 0;
        return true;
    }

    SpendState state() {
        return new SpendState(spend, reserved, resetAtMillis);
    }
}
