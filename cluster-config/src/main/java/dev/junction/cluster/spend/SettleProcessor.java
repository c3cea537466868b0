package dev.junction.cluster.spend;

import java.util.Map;
import java.util.UUID;

/**
 * Replaces a call's reserved estimate with what it really cost, in the share of the member it ran on. Every
 * priced call settles here, with a budget or not: the counter is what the store is written from.
 */
final class SettleProcessor extends CallProcessor<SpendState> {
    private static final long serialVersionUID = 1L;

    final double reserved;
    final double actual;

    SettleProcessor(
            UUID member,
            double reserved,
            double actual,
            long periodMillis,
            double storedSpend,
            long storedResetAtMillis,
            long nowMillis) {
        super(member, periodMillis, storedSpend, storedResetAtMillis, nowMillis);
        this.reserved = reserved;
        this.actual = actual;
    }

    @Override
    public SpendState process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = counterOf(entry);
        counter.rollOver(nowMillis, periodMillis);
        counter.settle(member, reserved, actual);
        entry.setValue(counter);
        return counter.state();
    }
}
