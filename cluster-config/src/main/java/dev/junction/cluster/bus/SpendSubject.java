package dev.junction.cluster.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * A key or a team as a holder of limits and a budget.
 *
 * @param id {@code key:<sha256 hex>} or {@code team:<team_id>}; the name of its counters in the cluster
 * @param rpmLimit requests per minute, or null for none
 * @param tpmLimit tokens per minute, or null for none
 * @param maxParallelRequests calls in flight at once, or null for none
 * @param maxBudget USD it may spend per budget period (or in all), or null for none
 * @param budgetDuration how often the spend resets to 0, or null for never
 * @param storedSpend the spend last persisted, which seeds the cluster's counter when it has none yet
 * @param storedResetAtMillis when the persisted budget period ends (epoch millis), or 0 when unknown
 */
public record SpendSubject(
        String id,
        Long rpmLimit,
        Long tpmLimit,
        Integer maxParallelRequests,
        Double maxBudget,
        Duration budgetDuration,
        double storedSpend,
        long storedResetAtMillis) {

    public SpendSubject {
        Objects.requireNonNull(id, "id");
    }

    public boolean hasRateLimits() {
        return rpmLimit != null || tpmLimit != null || maxParallelRequests != null;
    }
}
