package dev.junction.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.junction.cluster.state.HazelcastRoutingState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example Hazelcast files of {@code deploy/hazelcast/} load as JUNCTION_HAZELCAST_CONFIG would load them. */
class HazelcastExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "deploy", "hazelcast");

    private static Config load(String file) {
        return HazelcastConfigFactory.build(
                new ClusterSettings(null, null, List.of(), null, null, EXAMPLES.resolve(file)));
    }

    private static void assertJunctionDefaults(Config config) {
        assertThat(config.getProperty("hazelcast.partition.count")).isEqualTo("71");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(config.getMapConfigs()).containsKey(HazelcastRoutingState.DEPLOYMENTS_MAP);
        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
        config.getNetworkConfig().getJoin().verify();
    }

    @Test
    void tcp_ip_lists_the_members_and_binds_the_private_network() {
        Config config = load("tcp-ip.yaml");
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).hasSize(3).allMatch(m -> m.startsWith("10.0.1."));
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.1.*");
        assertJunctionDefaults(config);
    }

    @Test
    void kubernetes_resolves_the_headless_service() {
        Config config = load("kubernetes.yaml");
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("junction-hazelcast.default.svc.cluster.local");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertJunctionDefaults(config);
    }

    @Test
    void multicast_stays_on_the_local_subnet() {
        Config config = load("multicast.yaml");
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getMulticastConfig().isEnabled()).isTrue();
        assertThat(join.getMulticastConfig().getMulticastTimeToLive()).isEqualTo(1);
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertJunctionDefaults(config);
    }

    @Test
    void flags_still_override_an_example_file() {
        Config config = HazelcastConfigFactory.build(new ClusterSettings(
                "blue",
                5801,
                List.of(),
                ClusterSettings.Join.KUBERNETES,
                "junction-hazelcast.blue.svc.cluster.local",
                EXAMPLES.resolve("multicast.yaml")));
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(config.getClusterName()).isEqualTo("blue");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("junction-hazelcast.blue.svc.cluster.local");
        join.verify();
    }
}
