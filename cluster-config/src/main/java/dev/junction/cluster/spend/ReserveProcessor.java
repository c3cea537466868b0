package dev.junction.cluster.spend;

import java.util.Map;
import java.util.UUID;

/**
 * Admits a call while the settled spend plus what calls in flight have reserved stays under the budget, and
 * reserves its estimate in the calling member's share, in one atomic step.
 */
final class ReserveProcessor extends CallProcessor<Reservation> {
    private static final long serialVersionUID = 1L;

    final double maxBudget;
    final double estimate;

    ReserveProcessor(
            UUID member,
            double maxBudget,
            long periodMillis,
            double storedSpend,
            long storedResetAtMillis,
            double estimate,
            long nowMillis) {
        super(member, periodMillis, storedSpend, storedResetAtMillis, nowMillis);
        this.maxBudget = maxBudget;
        this.estimate = estimate;
    }

    @Override
    public Reservation process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = counterOf(entry);
        boolean reset = counter.rollOver(nowMillis, periodMillis);
        boolean admitted = counter.admits(maxBudget);
        if (admitted && estimate > 0) {
            counter.reserve(member, estimate);
        }
        entry.setValue(counter);
        return new Reservation(admitted, counter.state(), reset);
    }
}
