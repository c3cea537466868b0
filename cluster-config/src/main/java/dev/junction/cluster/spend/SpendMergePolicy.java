package dev.junction.cluster.spend;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * Heals {@code junction.spend} after a split brain by adding up what each side spent ({@link
 * SpendCounter#merged}): both sides admitted and settled calls on their own copy, so keeping either copy whole
 * (Hazelcast's default keeps the larger cluster's) would drop the other side's spend. Hazelcast instantiates
 * it by class name on every member; it has no state to serialise.
 */
public final class SpendMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {
    @Override
    public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (merging == null) {
            return existing.getRawValue();
        }
        if (existing == null || existing.getValue() == null) {
            return merging.getRawValue();
        }
        SpendCounter theirs = (SpendCounter) merging.getValue();
        SpendCounter ours = (SpendCounter) existing.getValue();
        SpendCounter merged = SpendCounter.merged(ours, theirs);
        if (merged == ours) {
            return existing.getRawValue();
        }
        return merged == theirs ? merging.getRawValue() : merged;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
}
