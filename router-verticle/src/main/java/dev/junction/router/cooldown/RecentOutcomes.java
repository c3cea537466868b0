package dev.junction.router.cooldown;

/**
 * What a deployment's counters say at the moment one of its calls failed. Every count <em>includes</em> the
 * failure being judged: the caller increments the counter atomically and passes what it returned.
 *
 * @param fails failed calls in the last minute
 * @param successes successful calls in the last minute
 * @param failsInLegacyWindow failed calls less than {@link CooldownPolicy#legacyFailWindow()} apart, the
 *     counter of the legacy {@code allowed_fails} rule
 */
public record RecentOutcomes(long fails, long successes, long failsInLegacyWindow) {

    public RecentOutcomes {
        if (fails < 0 || successes < 0 || failsInLegacyWindow < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** The first failure of a deployment with no other traffic in the window. */
    public static RecentOutcomes firstFailure() {
        return new RecentOutcomes(1, 0, 1);
    }
}
