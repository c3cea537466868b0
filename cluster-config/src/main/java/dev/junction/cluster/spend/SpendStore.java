package dev.junction.cluster.spend;

import java.util.Collection;

/** Where the cluster's spend is made durable (the key store's database). */
@FunctionalInterface
public interface SpendStore {
    /**
     * Applies the writes in one transaction, each at most once per write id; subjects that no longer exist are
     * skipped. Blocks; throws when the store cannot be reached.
     */
    void write(Collection<SpendWrite> writes);
}
