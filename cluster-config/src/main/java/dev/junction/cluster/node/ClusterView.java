package dev.junction.cluster.node;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a node can tell about the cluster it is a member of. */
public interface ClusterView {
    String nodeId();

    int memberCount();

    /**
     * The node ids of the current members, this node's included (in no particular order), as the event bus knows
     * them (not Hazelcast's member ids).
     */
    default List<String> memberIds() {
        return List.of(nodeId());
    }

    /**
     * No partition is migrating and every backup is in sync: losing one member now loses no state. As of the
     * last check: see {@link #of}.
     */
    boolean isSafe();

    /**
     * Asking whether the cluster is safe asks every member and waits for all of them, for minutes if one is
     * frozen; a readiness probe must not wait with it, or every node turns unready because of one. So each
     * call answers the outcome of the last check and starts the next one in the background, one at a time.
     */
    static ClusterView of(ClusterManager manager, HazelcastInstance hazelcast) {
        AtomicBoolean checking = new AtomicBoolean();
        AtomicBoolean safe = new AtomicBoolean();
        Runnable check = () -> {
            try {
                safe.set(hazelcast.getPartitionService().isClusterSafe());
            } catch (RuntimeException stopped) {
                safe.set(false);
            } finally {
                checking.set(false);
            }
        };
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
            public List<String> memberIds() {
                return List.copyOf(manager.getNodes());
            }

            @Override
            public boolean isSafe() {
                if (checking.compareAndSet(false, true)) {
                    Thread thread = new Thread(check, "junction-cluster-safety");
                    thread.setDaemon(true);
                    thread.start();
                }
                return safe.get();
            }
        };
    }
}
