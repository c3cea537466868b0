package dev.junction.bench.jmh;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.cluster.state.HazelcastRoutingState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Hazelcast members in a benchmark's JVM, configured as Junction configures a node's. */
public final class JmhMembers {
    private JmhMembers() {}

    /** {@code count} members of a cluster of their own. */
    public static List<HazelcastInstance> start(int count) {
        String cluster = "junction-jmh-" + UUID.randomUUID();
        List<HazelcastInstance> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Hazelcast.newHazelcastInstance(
                    HazelcastConfigFactory.build(new ClusterSettings(cluster, null, List.of()))));
        }
        return members;
    }

    /** The member to run on: with more than one, one that does not own the key's partition. */
    public static HazelcastInstance notOwning(List<HazelcastInstance> members, String key) {
        HazelcastInstance first = members.get(0);
        // Partitions get owners on first use, and then migrate until the cluster is safe.
        first.getMap(HazelcastRoutingState.DEPLOYMENTS_MAP).get(key);
        while (first.getPartitionService().getPartition(key).getOwner() == null
                || !first.getPartitionService().isClusterSafe()) {
            Thread.onSpinWait();
        }
        for (HazelcastInstance member : members) {
            if (members.size() == 1
                    || !member.getPartitionService()
                            .getPartition(key)
                            .getOwner()
                            .localMember()) {
                return member;
            }
        }
        throw new IllegalStateException("no member without the partition of " + key);
    }
}
