package dev.junction.cluster.spend;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the budget a member had reserved for its calls in flight when it leaves the cluster (killed,
 * frozen past the heartbeat timeout, cut off): those calls will never settle. The oldest member does it, once per
 * departure, on a worker thread; the spend the departed member settled stays counted.
 *
 * <p>A member's share in the counters is named by a member attribute rather than its Hazelcast id, which changes
 * when it rejoins after a split.
 */
final class DepartedShares implements MembershipListener {
    static final String SHARE_ATTRIBUTE = "junction.spend-share";
    private static final Logger LOG = LoggerFactory.getLogger(DepartedShares.class);

    private final Vertx vertx;
    private final IMap<String, SpendCounter> counters;

    DepartedShares(Vertx vertx, IMap<String, SpendCounter> counters) {
        this.vertx = vertx;
        this.counters = counters;
    }

    /** Gives this member's share its name before it joins. */
    static void name(Config config) {
        if (config.getMemberAttributeConfig().getAttribute(SHARE_ATTRIBUTE) == null) {
            config.getMemberAttributeConfig()
                    .setAttribute(SHARE_ATTRIBUTE, UUID.randomUUID().toString());
        }
    }

    /** This member's share, or a new one when its configuration did not name it. */
    static UUID of(HazelcastInstance hazelcast) {
        String named = hazelcast.getCluster().getLocalMember().getAttribute(SHARE_ATTRIBUTE);
        return named == null ? UUID.randomUUID() : UUID.fromString(named);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // A newcomer reserves in a share of its own.
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String share = event.getMember().getAttribute(SHARE_ATTRIBUTE);
        boolean oldest =
                event.getMembers().stream().findFirst().map(Member::localMember).orElse(false);
        if (share == null || !oldest) {
            return;
        }
        vertx.executeBlocking(() -> counters.executeOnEntries(new ReleaseShareProcessor(UUID.fromString(share))))
                .onSuccess(results -> report(event.getMember(), results))
                .onFailure(failure -> LOG.warn(
                        "Could not release the budget reservations of departed member {}: {}",
                        event.getMember().getAddress(),
                        failure.toString()));
    }

    private static void report(Member departed, Map<String, Boolean> results) {
        long released = results.values().stream().filter(Boolean::booleanValue).count();
        if (released > 0) {
            LOG.info(
                    "Member {} left with calls in flight: released its reservations on {} budget(s)",
                    departed.getAddress(),
                    released);
        }
    }
}
