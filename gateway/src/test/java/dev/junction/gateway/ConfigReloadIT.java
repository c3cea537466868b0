package dev.junction.gateway;

import static dev.junction.gateway.E2eClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.testkit.OpenAiWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/** The config file read again while the node runs: on demand, on SIGHUP, and on change when watched. */
class ConfigReloadIT {
    private static final String MASTER = "sk-master-reload";
    private static GatewayHarness gateway;
    private static Path file;
    private static ConfigReload reload;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start("/e2e/reload.yaml");
        file = gateway.configFile();
        reload = gateway.node.configReload(file, Map.of());
        for (String path : List.of("first", "second", "third", "fourth")) {
            gateway.upstream
                    .on("/" + path + "/v1/chat/completions")
                    .replyAlways(OpenAiWire.chat("gpt-4o").answer());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void backToFirst() throws Exception {
        write(List.of("first"));
        GatewayHarness.await(reload.reload());
    }

    private static void write(List<String> models) throws Exception {
        StringBuilder yaml = new StringBuilder("model_list:\n");
        for (String model : models) {
            yaml.append("  - model_name: ")
                    .append(model)
                    .append("\n    litellm_params: {model: openai/gpt-4o, api_base: \"")
                    .append(gateway.upstream.baseUrl())
                    .append('/')
                    .append(model)
                    .append("/v1\", api_key: sk-up}\n");
        }
        yaml.append("general_settings:\n  master_key: ").append(MASTER).append('\n');
        Files.writeString(file, yaml);
    }

    private static int chat(String model) throws Exception {
        return gateway.post("/v1/chat/completions", chatBody(model).encode(), "authorization", "Bearer " + MASTER)
                .statusCode();
    }

    @Test
    void a_reload_serves_the_models_of_the_file_as_it_is_now() throws Exception {
        write(List.of("first", "second"));

        GatewayHarness.await(reload.reload());

        assertThat(chat("second")).isEqualTo(200);
        write(List.of("second"));
        GatewayHarness.await(reload.reload());
        assertThat(chat("first")).isEqualTo(400);
    }

    @Test
    void a_file_that_does_not_load_is_refused_with_the_start_up_message_and_the_running_version_kept()
            throws Exception {
        Files.writeString(file, "model_list:\n  - model_name: broken\n");
        ConfigException atStartUp = null;
        try {
            GatewayHarness.await(ConfigLoader.load(gateway.vertx, file, Map.of()));
        } catch (ExecutionException refused) {
            atStartUp = (ConfigException) refused.getCause();
        }
        assertThat(atStartUp).isNotNull();
        String startUpMessage = atStartUp.getMessage();

        assertThatThrownBy(() -> GatewayHarness.await(reload.reload()))
                .hasCauseInstanceOf(ConfigException.class)
                .cause()
                .hasMessage(startUpMessage);

        assertThat(startUpMessage).contains("model_list[0].litellm_params");
        assertThat(chat("first")).isEqualTo(200);
        assertThat(chat("broken")).isEqualTo(400);
    }

    @Test
    void sighup_reloads_the_file() throws Exception {
        ShutdownSignals.onHangUp(reload::reload);
        write(List.of("first", "third"));

        Signal.raise(new Signal("HUP"));

        assertThat(servedWithin("third", Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void a_watched_file_is_reloaded_when_it_changes() throws Exception {
        reload.watch(Duration.ofMillis(100));
        Thread.sleep(50);
        write(List.of("first", "fourth"));

        assertThat(servedWithin("fourth", Duration.ofSeconds(10))).isTrue();
    }

    private static boolean servedWithin(String model, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (chat(model) == 200) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
