package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import java.util.UUID;

/**
 * A member left the cluster with calls in flight: their reservations would hold its share of the budget until
 * the period ends, since no settlement will ever come. Its spend is kept, and its version too, so that if it
 * was only cut off by a split and comes back, the merge still prefers its own newer copy.
 */
final class ReleaseShareProcessor implements EntryProcessor<String, SpendCounter, Boolean> {
    private static final long serialVersionUID = 1L;

    final UUID share;

    ReleaseShareProcessor(UUID share) {
        this.share = share;
    }

    @Override
    public Boolean process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null || !counter.release(share)) {
            return Boolean.FALSE;
        }
        entry.setValue(counter);
        return Boolean.TRUE;
    }
}
