package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cluster.node.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaults_are_port_4000_on_all_interfaces_with_the_demo_config() {
        CommandLine line = CommandLine.parse(new String[0], Map.of());

        assertThat(line.port()).isEqualTo(4000);
        assertThat(line.host()).isEqualTo("0.0.0.0");
        assertThat(line.config()).isNull();
        assertThat(line.detailedDebug()).isFalse();
        assertThat(line.cluster().members()).isEmpty();
        assertThat(line.dataDir()).isEqualTo(java.nio.file.Path.of("junction-data"));
    }

    @Test
    void data_dir_comes_from_the_flag_else_junction_data_dir() {
        Map<String, String> env = Map.of("JUNCTION_DATA_DIR", "/var/lib/junction");
        assertThat(CommandLine.parse(new String[0], env).dataDir())
                .isEqualTo(java.nio.file.Path.of("/var/lib/junction"));
        assertThat(CommandLine.parse(new String[] {"--data-dir", "/srv/data"}, env)
                        .dataDir())
                .isEqualTo(java.nio.file.Path.of("/srv/data"));
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--data-dir"}, Map.of()))
                .hasMessage("--data-dir needs a value");
    }

    @Test
    void every_documented_flag_is_read() {
        CommandLine line = CommandLine.parse(
                new String[] {
                    "--config",
                    "/etc/junction.yaml",
                    "--port",
                    "8080",
                    "--host",
                    "127.0.0.1",
                    "--detailed_debug",
                    "--cluster-name",
                    "blue",
                    "--cluster-port",
                    "5801",
                    "--cluster-members",
                    "a:5801, b:5801"
                },
                Map.of());

        assertThat(line.config()).isEqualTo(Path.of("/etc/junction.yaml"));
        assertThat(line.port()).isEqualTo(8080);
        assertThat(line.host()).isEqualTo("127.0.0.1");
        assertThat(line.detailedDebug()).isTrue();
        assertThat(line.cluster().clusterName()).isEqualTo("blue");
        assertThat(line.cluster().port()).isEqualTo(5801);
        assertThat(line.cluster().members()).containsExactly("a:5801", "b:5801");
    }

    @Test
    void cluster_variables_override_the_hazelcast_file_and_flags_override_them() {
        Map<String, String> env = Map.of(
                "JUNCTION_CLUSTER_NAME", "from-env",
                "JUNCTION_CLUSTER_PORT", "5901",
                "JUNCTION_CLUSTER_MEMBERS", "10.0.0.1:5901,10.0.0.2:5901",
                "JUNCTION_HAZELCAST_CONFIG", "/etc/junction/hazelcast.yaml",
                "JUNCTION_SHUTDOWN_GRACE_SECONDS", "45");

        CommandLine fromEnv = CommandLine.parse(new String[0], env);
        CommandLine flagged =
                CommandLine.parse(new String[] {"--cluster-name", "from-flag", "--shutdown-grace", "5"}, env);

        assertThat(fromEnv.cluster().clusterName()).isEqualTo("from-env");
        assertThat(fromEnv.cluster().port()).isEqualTo(5901);
        assertThat(fromEnv.cluster().members()).containsExactly("10.0.0.1:5901", "10.0.0.2:5901");
        assertThat(fromEnv.cluster().hazelcastConfig()).isEqualTo(Path.of("/etc/junction/hazelcast.yaml"));
        assertThat(fromEnv.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(flagged.cluster().clusterName()).isEqualTo("from-flag");
        assertThat(flagged.cluster().port())
                .as("what no flag sets still comes from the environment")
                .isEqualTo(5901);
        assertThat(flagged.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void kubernetes_join_from_the_environment() {
        CommandLine line = CommandLine.parse(
                new String[0],
                Map.of(
                        "JUNCTION_CLUSTER_JOIN", "kubernetes",
                        "JUNCTION_KUBERNETES_SERVICE_DNS", "junction-hazelcast.default.svc.cluster.local"));

        assertThat(line.cluster().join()).isEqualTo(ClusterSettings.Join.KUBERNETES);
        assertThat(line.cluster().kubernetesServiceDns()).isEqualTo("junction-hazelcast.default.svc.cluster.local");
    }

    @Test
    void a_join_flag_sets_aside_every_join_variable() {
        Map<String, String> env =
                Map.of("JUNCTION_CLUSTER_JOIN", "kubernetes", "JUNCTION_KUBERNETES_SERVICE_DNS", "junction.svc");

        CommandLine members = CommandLine.parse(new String[] {"--cluster-members", "127.0.0.1:5701"}, env);
        CommandLine multicast = CommandLine.parse(new String[] {"--cluster-join", "multicast"}, env);

        assertThat(members.cluster().join()).isNull();
        assertThat(members.cluster().effectiveJoin()).isEqualTo(ClusterSettings.Join.TCP_IP);
        assertThat(members.cluster().kubernetesServiceDns()).isNull();
        assertThat(multicast.cluster().join()).isEqualTo(ClusterSettings.Join.MULTICAST);
    }

    @Test
    void the_shutdown_grace_defaults_to_30_seconds() {
        assertThat(CommandLine.parse(new String[0], Map.of()).shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void config_file_path_names_the_config_when_no_flag_does() {
        assertThat(CommandLine.parse(new String[0], Map.of("CONFIG_FILE_PATH", "/srv/c.yaml"))
                        .config())
                .isEqualTo(Path.of("/srv/c.yaml"));
        assertThat(CommandLine.parse(new String[] {"--config", "x.yaml"}, Map.of("CONFIG_FILE_PATH", "/srv/c.yaml"))
                        .config())
                .isEqualTo(Path.of("x.yaml"));
    }

    @Test
    void malformed_command_lines_say_what_is_wrong() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "abc"}, Map.of()))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config"}, Map.of()))
                .hasMessageContaining("--config needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--bogus"}, Map.of()))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--cluster-members", "a b"}, Map.of()))
                .hasMessageContaining("host or host:port");
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("JUNCTION_CLUSTER_PORT", "high")))
                .hasMessageContaining("JUNCTION_CLUSTER_PORT must be a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--cluster-join", "gossip"}, Map.of()))
                .hasMessageContaining("tcp-ip, multicast or kubernetes");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--shutdown-grace", "-1"}, Map.of()))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void port_and_host_come_from_the_environment_as_litellm_reads_them_unless_a_flag_sets_them() {
        Map<String, String> env = Map.of("PORT", "8123", "HOST", "127.0.0.2");
        CommandLine fromEnv = CommandLine.parse(new String[0], env);
        assertThat(fromEnv.port()).isEqualTo(8123);
        assertThat(fromEnv.host()).isEqualTo("127.0.0.2");

        CommandLine flags = CommandLine.parse(new String[] {"--port", "9000", "--host", "0.0.0.0"}, env);
        assertThat(flags.port()).isEqualTo(9000);
        assertThat(flags.host()).isEqualTo("0.0.0.0");

        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("PORT", "http")))
                .hasMessageContaining("PORT must be a number");
    }

    @Test
    void running_with_unenforced_access_controls_needs_the_flag_or_the_variable() {
        assertThat(CommandLine.parse(new String[0], Map.of()).allowUnenforcedAccessControls())
                .isFalse();
        assertThat(CommandLine.parse(new String[] {"--allow-unenforced-access-controls"}, Map.of())
                        .allowUnenforcedAccessControls())
                .isTrue();
        assertThat(CommandLine.parse(new String[0], Map.of("JUNCTION_ALLOW_UNENFORCED_ACCESS_CONTROLS", "true"))
                        .allowUnenforcedAccessControls())
                .isTrue();
    }
}
