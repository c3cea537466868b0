package dev.junction.cluster.node;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.spi.cluster.ClusterManager;

/** What a node can tell about the cluster it is a member of. */
public interface ClusterView {
    String nodeId();

    int memberCount();

    /** No partition is migrating and every backup is in sync: losing one member now loses no state. */
    boolean isSafe();

    static ClusterView of(ClusterManager manager, HazelcastInstance hazelcast) {
        return new ClusterView() {
            @Override
            public String nodeId() {
                return manager.getNodeId();
            }

            @Override
            public int memberCount() {
                return manager.getNodes().size();
            }

            @Override
            public boolean isSafe() {
                return hazelcast.getPartitionService().isClusterSafe();
            }
        };
    }
}
