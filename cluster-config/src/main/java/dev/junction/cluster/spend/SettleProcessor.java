package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Replaces a call's reserved estimate with what it really cost. */
final class SettleProcessor implements EntryProcessor<String, SpendCounter, SpendState> {
    private static final long serialVersionUID = 1L;
    final double reserved;
    final double actual;

    SettleProcessor(double reserved, double actual) {
        this.reserved = reserved;
        this.actual = actual;
    }

    @Override
    public SpendState process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null) {
            // The subject was deleted (or its spend set outright) while the call ran: nothing to settle.
            return new SpendState(actual, 0, 0);
        }
        counter.reserved = Math.max(0, counter.reserved - reserved);
        counter.spend += actual;
        entry.setValue(counter);
        return counter.state();
    }
}
