package dev.junction.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    }

    @Test
    void keeps_the_structures_the_vertx_cluster_manager_needs() {
        Config config = HazelcastConfigFactory.build(ClusterSettings.defaults());

        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
        assertThat(config.getMapConfigs()).containsKeys("__vertx.haInfo", "__vertx.nodeInfo");
    }

    @Test
    void command_line_overrides_name_port_and_members() {
        Config config = HazelcastConfigFactory.build(
                new ClusterSettings("prod-eu", 6701, List.of("10.0.0.5:6701", "10.0.0.6:6701")));

        assertThat(config.getClusterName()).isEqualTo("prod-eu");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(6701);
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.5:6701", "10.0.0.6:6701");
    }

    @Test
    void an_impossible_port_is_refused() {
        assertThatThrownBy(() -> new ClusterSettings(null, 70000, List.of())).hasMessageContaining("cluster port");
    }
}
