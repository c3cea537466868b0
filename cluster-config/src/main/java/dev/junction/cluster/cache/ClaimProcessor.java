package dev.junction.cluster.cache;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Claims a fill marker atomically on the key's owner: sets it, with its own time to live, when nobody holds it.
 * Answers whether this caller got it.
 */
final class ClaimProcessor implements EntryProcessor<String, String, Boolean> {
    final String holder;
    final long ttlMillis;

    ClaimProcessor(String holder, long ttlMillis) {
        this.holder = holder;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        ((ExtendedMapEntry<String, String>) entry).setValue(holder, ttlMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public EntryProcessor<String, String, Boolean> getBackupProcessor() {
        return null; // the fills map keeps no backups
    }
}
