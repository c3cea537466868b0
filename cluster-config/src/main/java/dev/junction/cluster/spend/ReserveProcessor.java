package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Admits a call while the settled spend plus what calls in flight have reserved stays under the budget, and
 * reserves its estimate, in one atomic step. A counter the cluster has not seen yet starts from the spend
 * persisted in the store.
 */
final class ReserveProcessor implements EntryProcessor<String, SpendCounter, Reservation> {
    private static final long serialVersionUID = 1L;

    /** Sums of binary costs drift (ten 0.1s make 0.9999...): spend within a nano-dollar of the budget is at it. */
    private static final double ROUNDING = 1e-9;

    final double maxBudget;
    final long periodMillis;
    final double storedSpend;
    final long storedResetAtMillis;
    final double estimate;
    final long nowMillis;

    ReserveProcessor(
            double maxBudget,
            long periodMillis,
            double storedSpend,
            long storedResetAtMillis,
            double estimate,
            long nowMillis) {
        this.maxBudget = maxBudget;
        this.periodMillis = periodMillis;
        this.storedSpend = storedSpend;
        this.storedResetAtMillis = storedResetAtMillis;
        this.estimate = estimate;
        this.nowMillis = nowMillis;
    }

    @Override
    public Reservation process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null) {
            counter = new SpendCounter();
            counter.spend = storedSpend;
            counter.resetAtMillis = storedResetAtMillis;
        }
        boolean reset = counter.rollOver(nowMillis, periodMillis);
        boolean admitted = counter.spend + counter.reserved + ROUNDING < maxBudget;
        if (admitted) {
            counter.reserved += estimate;
        }
        entry.setValue(counter);
        return new Reservation(admitted, counter.state(), reset);
    }
}
