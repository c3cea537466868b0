package dev.junction.cluster.node;

import io.vertx.core.spi.cluster.ClusterManager;

/** What a node can tell about the cluster it is a member of. */
public interface ClusterView {
    String nodeId();

    int memberCount();

    static ClusterView of(ClusterManager manager) {
        return new ClusterView() {
            @Override
            public String nodeId() {
                return manager.getNodeId();
            }

            @Override
            public int memberCount() {
                return manager.getNodes().size();
            }
        };
    }
}
