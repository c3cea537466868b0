package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    }
}
