package dev.junction.cluster.spend;

import java.util.Map;
import java.util.UUID;

/**
 * A write of a counter's spend to the store that is on its way: kept in the counter (and so in its backup)
 * until the store confirmed it, so that whoever owns the counter next can repeat it under the same id, which
 * the store applies at most once.
 *
 * @param writeId the id the store remembers per subject
 * @param amount USD to add
 * @param reset whether the spend goes back to 0 (a new budget period) before the amount is added
 * @param resetAtMillis the end of the period the write belongs to
 * @param generation the counter's generation the write belongs to
 * @param upTo each member's settled spend that the write covers
 */
record PendingWrite(
        String writeId, double amount, boolean reset, long resetAtMillis, long generation, Map<UUID, Double> upTo) {
    SpendWrite toStore(String subjectId) {
        return new SpendWrite(subjectId, writeId, amount, reset, resetAtMillis);
    }
}
