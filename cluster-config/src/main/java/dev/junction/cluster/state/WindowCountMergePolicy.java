package dev.junction.cluster.state;

/**
 * Heals {@code junction.deployments} after a split brain by keeping the counters that saw more usage: the
 * newer minute window, and within the same window the side that admitted more requests (then more tokens).
 * Each side of a split admitted calls on its own, so the true usage of the window is their sum; keeping the
 * larger count errs low by the smaller side's share, only for the rest of that minute.
 *
 * <p>Hazelcast's built-in policies do not fit: {@code PutIfAbsentMergePolicy} (the default) keeps whatever the
 * larger cluster holds, even a count of 2 against 59; {@code HigherHitsMergePolicy} counts every read and
 * entry-processor run, snapshots included, not admissions; {@code LatestUpdateMergePolicy} keeps the side that
 * wrote last, which may have admitted less or still be in the previous minute.
 */
public final class WindowCountMergePolicy extends PreferringMergePolicy<DeploymentCounters> {
    public WindowCountMergePolicy() {
        super(DeploymentCounters.class);
    }

    @Override
    boolean prefersMerging(DeploymentCounters merging, DeploymentCounters existing) {
        if (merging.window != existing.window) {
            return merging.window > existing.window;
        }
        if (merging.requests != existing.requests) {
            return merging.requests > existing.requests;
        }
        return merging.tokens > existing.tokens;
    }
}
