package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import java.util.UUID;

/**
 * What the two per-call processors share: the member the call ran on (whose share it changes), and what a
 * counter the cluster has not seen yet starts from (the spend persisted in the store) and how it rolls over.
 *
 * @param <R> the processor's answer
 */
abstract class CallProcessor<R> implements EntryProcessor<String, SpendCounter, R> {
    private static final long serialVersionUID = 1L;

    final UUID member;
    final long periodMillis;
    final double storedSpend;
    final long storedResetAtMillis;
    final long nowMillis;

    CallProcessor(UUID member, long periodMillis, double storedSpend, long storedResetAtMillis, long nowMillis) {
        this.member = member;
        this.periodMillis = periodMillis;
        this.storedSpend = storedSpend;
        this.storedResetAtMillis = storedResetAtMillis;
        this.nowMillis = nowMillis;
    }

    SpendCounter counterOf(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        return counter != null ? counter : SpendCounter.seeded(storedSpend, storedResetAtMillis);
    }
}
