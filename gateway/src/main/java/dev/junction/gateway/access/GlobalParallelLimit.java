package dev.junction.gateway.access;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.node.ClusterView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code global_max_parallel_requests}: the LLM calls in flight at once over the whole cluster. Each node
 * holds its share of the limit (the limit divided by the current members, the remainder going to the first
 * members by node id), so the members together never exceed it, and no request waits on the network to be
 * counted. A node that dies takes its calls and its share with it, and the survivors' shares grow at once:
 * unlike a cluster-wide counter, nothing is left counted for calls that will never end. The price is that
 * a node refuses when its own share is used up, even while another node has room: spread clients evenly
 * across nodes (a load balancer does). LiteLLM counts per instance, so N instances admit N times its limit.
 *
 * <p>Shared by the node's event loops.
 */
public final class GlobalParallelLimit {
    private final int limit;
    private final ClusterView cluster;
    private final AtomicInteger inFlight = new AtomicInteger();

    public GlobalParallelLimit(int limit, ClusterView cluster) {
        this.limit = limit;
        this.cluster = cluster;
    }

    /**
     * Counts a call, or refuses it (429, {@code Retry-After: 1}) when the node's share is in use.
     *
     * @throws GatewayException when the share is full
     */
    public void acquire() {
        int share = share();
        int now = inFlight.incrementAndGet();
        if (now > share) {
            inFlight.decrementAndGet();
            throw GatewayException.of(
                            ErrorKind.RATE_LIMITED,
                            "Max parallel request limit reached Hit Global Limit: Limit=" + limit
                                    + ", this node's share=" + share + ", current: " + (now - 1))
                    .withRetryAfter(Duration.ofSeconds(1));
        }
    }

    /** Ends a counted call. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** This node's part of the limit among the current members. */
    int share() {
        List<String> members = cluster.memberIds().stream().sorted().toList();
        int index = Math.max(0, members.indexOf(cluster.nodeId()));
        int count = Math.max(1, members.size());
        return limit / count + (index < limit % count ? 1 : 0);
    }
}
