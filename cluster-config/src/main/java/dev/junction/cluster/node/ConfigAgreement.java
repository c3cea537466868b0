package dev.junction.cluster.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's config fingerprint to the cluster and warns when members disagree: nodes routing on
 * different model lists give answers that depend on which node a load balancer picked.
 */
public final class ConfigAgreement {
    public static final String FINGERPRINTS_MAP = "junction.config-fingerprints";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAgreement.class);

    private final HazelcastInstance hazelcast;
    private final String fingerprint;
    private final IMap<String, String> fingerprints;

    public ConfigAgreement(HazelcastInstance hazelcast, String fingerprint) {
        this.hazelcast = hazelcast;
        this.fingerprint = fingerprint;
        this.fingerprints = hazelcast.getMap(FINGERPRINTS_MAP);
    }

    /** Blocking (cluster calls): run on a worker thread at start-up. */
    public void publishAndCheck() {
        String self = hazelcast.getCluster().getLocalMember().getUuid().toString();
        fingerprints.set(self, fingerprint);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // The newcomer publishes its own fingerprint and runs the comparison itself.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                fingerprints.delete(event.getMember().getUuid().toString());
            }
        });
        check();
    }

    /** Logs a warning naming the members whose fingerprint differs from this node's. */
    public Map<String, String> check() {
        Map<String, String> others = new TreeMap<>();
        hazelcast.getCluster().getMembers().forEach(member -> {
            String theirs = fingerprints.get(member.getUuid().toString());
            if (theirs != null && !theirs.equals(fingerprint)) {
                others.put(member.getAddress().toString(), theirs);
            }
        });
        if (!others.isEmpty()) {
            LOG.warn(
                    "This node's config fingerprint {} differs from other members' {}: nodes of one cluster should"
                            + " load the same model list and router settings",
                    fingerprint,
                    others);
        }
        return others;
    }
}
