package dev.junction.cluster.spend;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;

/** The Hazelcast map of spend counters, {@code junction.spend}, and how it is configured. */
public final class SpendMap {
    public static final String NAME = "junction.spend";
    static final String QUORUM = "junction-budget-quorum";

    private SpendMap() {}

    /**
     * One synchronous backup, so that a member's death loses no spend (nor the write to the store on its way);
     * counters kept as objects, which the per-call processors change in place; and a merge that adds up what
     * the sides of a split spent.
     */
    public static MapConfig config() {
        return new MapConfig(NAME)
                .setBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMergePolicyConfig(
                        new MergePolicyConfig(SpendMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    }

    /** Names this member's share of the counters (see {@link DepartedShares}); the configuration's own name stays. */
    public static void nameShare(Config config) {
        DepartedShares.name(config);
    }

    /**
     * {@code general_settings.budget_quorum}: the counters answer only on a side of the cluster with at least
     * {@code members} members, so that a minority cut off by a split cannot spend the budgets again; its calls
     * then go the way of {@code budget_fail_mode}.
     */
    public static void requireQuorum(Config config, int members) {
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, members));
        config.getMapConfig(NAME).setSplitBrainProtectionName(QUORUM);
    }

    /** Whether the counters answer on this member's side of the cluster: always, without a quorum configured. */
    static boolean quorumPresent(HazelcastInstance member) {
        if (!member.getConfig().getSplitBrainProtectionConfigs().containsKey(QUORUM)) {
            return true;
        }
        return member.getSplitBrainProtectionService()
                .getSplitBrainProtection(QUORUM)
                .hasMinimumSize();
    }
}
