package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * An admin set a subject's spend outright (and wrote it to the store): calls settled before no longer count,
 * calls still running add their cost on top. A counter the cluster has not seen yet starts from that value.
 */
final class SetSpendProcessor implements EntryProcessor<String, SpendCounter, Boolean> {
    private static final long serialVersionUID = 1L;

    final double spend;
    final long resetAtMillis;

    SetSpendProcessor(double spend, long resetAtMillis) {
        this.spend = spend;
        this.resetAtMillis = resetAtMillis;
    }

    @Override
    public Boolean process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null) {
            counter = SpendCounter.seeded(spend, resetAtMillis);
        }
        counter.set(spend);
        entry.setValue(counter);
        return Boolean.TRUE;
    }
}
