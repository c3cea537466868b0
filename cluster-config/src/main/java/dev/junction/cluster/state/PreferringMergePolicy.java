package dev.junction.cluster.state;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * A split-brain merge policy that keeps one of the two values whole, the one {@link #prefersMerging} picks.
 * Hazelcast instantiates it by class name on every member; it has no state to serialise.
 *
 * @param <V> the map's value type
 */
abstract class PreferringMergePolicy<V> implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {
    private final Class<V> type;

    PreferringMergePolicy(Class<V> type) {
        this.type = type;
    }

    /** Whether the value from the merging (smaller) cluster should replace the one already in place. */
    abstract boolean prefersMerging(V merging, V existing);

    @Override
    public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (merging == null) {
            return existing.getRawValue();
        }
        if (existing == null || existing.getValue() == null) {
            return merging.getRawValue();
        }
        V theirs = type.cast(merging.getValue());
        V ours = type.cast(existing.getValue());
        return prefersMerging(theirs, ours) ? merging.getRawValue() : existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
}
