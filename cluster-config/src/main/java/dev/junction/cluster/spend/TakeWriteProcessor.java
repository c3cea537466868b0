package dev.junction.cluster.spend;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Takes what a counter has not written to the store yet, as one write under {@code writeId}, and keeps that
 * write in the counter until {@link WrittenProcessor} confirms it. A write still on its way is handed out
 * again instead (its first try may never have reached the store).
 */
final class TakeWriteProcessor implements EntryProcessor<String, SpendCounter, SpendWrite> {
    private static final long serialVersionUID = 1L;

    final String writeId;

    TakeWriteProcessor(String writeId) {
        this.writeId = writeId;
    }

    @Override
    public SpendWrite process(Map.Entry<String, SpendCounter> entry) {
        SpendCounter counter = entry.getValue();
        if (counter == null) {
            return null;
        }
        PendingWrite before = counter.writing;
        PendingWrite write = counter.takeWrite(writeId);
        if (write == null) {
            return null;
        }
        if (write != before) {
            entry.setValue(counter);
        }
        return write.toStore(entry.getKey());
    }
}
