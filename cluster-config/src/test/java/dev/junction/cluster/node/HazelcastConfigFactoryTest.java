package dev.junction.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import dev.junction.cluster.node.ClusterSettings.Join;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.LaterCooldownMergePolicy;
import dev.junction.cluster.state.WindowCountMergePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HazelcastConfigFactoryTest {

    @Test
    void default_config_joins_over_loopback_tcp_only_and_never_phones_home() {
        Config config = HazelcastConfigFactory.build(ClusterSettings.defaults());
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(config.getClusterName()).isEqualTo("junction");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    }

    @Test
    void keeps_the_structures_the_vertx_cluster_manager_needs() {
        Config config = HazelcastConfigFactory.build(ClusterSettings.defaults());

        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
        assertThat(config.getMultiMapConfig("__vertx.subs").getValueCollectionType())
                .isEqualTo(MultiMapConfig.ValueCollectionType.SET);
        assertThat(config.getMapConfigs()).containsKeys("__vertx.haInfo", "__vertx.nodeInfo");
    }

    @Test
    void junction_maps_have_a_backup_and_merge_a_split_brain_keeping_the_larger_usage() {
        Config config = HazelcastConfigFactory.build(ClusterSettings.defaults());

        MapConfig deployments = config.getMapConfigs().get(HazelcastRoutingState.DEPLOYMENTS_MAP);
        MapConfig cooldowns = config.getMapConfigs().get(HazelcastRoutingState.COOLDOWNS_MAP);
        assertThat(deployments.getBackupCount()).isEqualTo(1);
        assertThat(deployments.getMergePolicyConfig().getPolicy()).isEqualTo(WindowCountMergePolicy.class.getName());
        assertThat(cooldowns.getBackupCount()).isEqualTo(1);
        assertThat(cooldowns.getMergePolicyConfig().getPolicy()).isEqualTo(LaterCooldownMergePolicy.class.getName());
    }

    @Test
    void command_line_overrides_name_port_and_members() {
        Config config = HazelcastConfigFactory.build(
                new ClusterSettings("prod-eu", 6701, List.of("10.0.0.5:6701", "10.0.0.6:6701")));

        assertThat(config.getClusterName()).isEqualTo("prod-eu");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(6701);
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.5:6701", "10.0.0.6:6701");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled())
                .as("members on other machines cannot reach a loopback-only member")
                .isFalse();
    }

    @Test
    void loopback_members_keep_the_loopback_interface() {
        Config config = HazelcastConfigFactory.build(
                new ClusterSettings(null, 5801, List.of("127.0.0.1:5801", "localhost:5802")));

        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    }

    @Test
    void kubernetes_join_looks_members_up_in_the_headless_service_and_nothing_else() {
        Config config = HazelcastConfigFactory.build(new ClusterSettings(
                "junction", null, List.of(), Join.KUBERNETES, "junction-hazelcast.llm.svc.cluster.local", null));
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("junction-hazelcast.llm.svc.cluster.local");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
        join.verify();
    }

    @Test
    void kubernetes_join_without_a_service_asks_the_api_for_the_namespace_pods() {
        Config config =
                HazelcastConfigFactory.build(new ClusterSettings(null, null, List.of(), Join.KUBERNETES, null, null));

        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().getProperties())
                .doesNotContainKey("service-dns");
    }

    @Test
    void multicast_join_replaces_the_member_list() {
        Config config =
                HazelcastConfigFactory.build(new ClusterSettings(null, null, List.of(), Join.MULTICAST, null, null));
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getMulticastConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
        join.verify();
    }

    @Test
    void an_operators_hazelcast_file_is_the_base_and_junction_adds_what_it_needs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hazelcast.yaml");
        Files.writeString(
                file,
                """
                hazelcast:
                  cluster-name: from-file
                  properties:
                    hazelcast.shutdownhook.enabled: true
                  network:
                    port: {port: 5901}
                    join:
                      multicast: {enabled: false}
                      tcp-ip: {enabled: true, member-list: [10.1.0.1, 10.1.0.2]}
                """);

        Config fromFile = HazelcastConfigFactory.build(new ClusterSettings(null, null, List.of(), null, null, file));
        Config overridden = HazelcastConfigFactory.build(
                new ClusterSettings("from-flag", 6001, List.of("10.2.0.1"), null, null, file));

        assertThat(fromFile.getClusterName()).isEqualTo("from-file");
        assertThat(fromFile.getNetworkConfig().getPort()).isEqualTo(5901);
        assertThat(fromFile.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.1.0.1", "10.1.0.2");
        assertThat(fromFile.getMapConfigs()).containsKey(HazelcastRoutingState.DEPLOYMENTS_MAP);
        assertThat(fromFile.getMultiMapConfigs()).containsKey("__vertx.subs");
        assertThat(fromFile.getProperty("hazelcast.shutdownhook.enabled"))
                .as("the node leaves the cluster itself once drained")
                .isEqualTo("false");
        assertThat(overridden.getClusterName()).isEqualTo("from-flag");
        assertThat(overridden.getNetworkConfig().getPort()).isEqualTo(6001);
        assertThat(overridden.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.2.0.1");
    }

    @Test
    void a_missing_hazelcast_file_is_named() {
        Path missing = Path.of("/nonexistent/hazelcast.xml");
        assertThatThrownBy(() ->
                        HazelcastConfigFactory.build(new ClusterSettings(null, null, List.of(), null, null, missing)))
                .hasMessageContaining("/nonexistent/hazelcast.xml");
    }

    @Test
    void impossible_settings_are_refused() {
        assertThatThrownBy(() -> new ClusterSettings(null, 70000, List.of())).hasMessageContaining("cluster port");
        assertThatThrownBy(() -> new ClusterSettings(null, null, List.of("a:1"), Join.KUBERNETES, null, null))
                .hasMessageContaining("TCP-IP");
        assertThatThrownBy(() -> new ClusterSettings(null, null, List.of(), Join.TCP_IP, "svc", null))
                .hasMessageContaining("kubernetes join");
        assertThatThrownBy(() -> Join.parse("gossip")).hasMessageContaining("tcp-ip, multicast or kubernetes");
    }
}
