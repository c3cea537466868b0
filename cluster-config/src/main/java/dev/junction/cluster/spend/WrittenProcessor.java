package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** The store applied a write: its amounts are in the store now, and the counter stops holding it. */
final class WrittenProcessor implements EntryProcessor<String, SpendCounter, Boolean> {
    private static final long serialVersionUID = 1L;

    final String writeId;

    WrittenProcessor(String writeId) {
        this.writeId = writeId;
    }

    @Override
    public Boolean process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null || !counter.written(writeId)) {
            return Boolean.FALSE;
        }
        entry.setValue(counter);
        return Boolean.TRUE;
    }
}
