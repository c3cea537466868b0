package dev.junction.cluster.state;

/**
 * Heals {@code junction.cooldowns} after a split brain: a deployment cooled on either side stays cooled until
 * the later of the two ends.
 */
public final class LaterCooldownMergePolicy extends PreferringMergePolicy<CooldownEntry> {
    public LaterCooldownMergePolicy() {
        super(CooldownEntry.class);
    }

    @Override
    boolean prefersMerging(CooldownEntry merging, CooldownEntry existing) {
        return merging.untilEpochMillis() > existing.untilEpochMillis();
    }
}
