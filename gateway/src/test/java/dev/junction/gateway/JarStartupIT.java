package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar as a user runs it: plain {@code java -jar}, no extra JVM flags. */
class JarStartupIT {
    private static final Path JAR = Path.of("target", "junction.jar");

    private static Process launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_bad_config_stops_start_up_with_the_yaml_path_and_the_problem() throws Exception {
        Path config = Files.createTempFile("bad", ".yaml");
        Files.writeString(
                config,
                """
                model_list:
                  - model_name: broken
                    litellm_params:
                      model: bedrock/anthropic.claude-v2
                      aws_region_name: US East
                """);
        Path log = Files.createTempFile("junction-bad", ".log");

        Process process = launch(log, "--config", config.toString(), "--port", "0");

        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly(); // a node that did start must not outlive the test
        }
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("model_list[0].litellm_params.aws_region_name")
                .contains("'US East' is not an AWS region name");
    }

    @Test
    void an_access_control_junction_does_not_enforce_stops_start_up_naming_it_and_the_override() throws Exception {
        Path config = Files.createTempFile("unenforced", ".yaml");
        Files.writeString(
                config,
                """
                model_list:
                  - model_name: canned
                    litellm_params: {model: openai/gpt-4o, mock_response: hi}
                general_settings:
                  master_key: sk-master
                  custom_auth: my_module.user_api_key_auth
                litellm_settings:
                  callbacks: [presidio]
                """);
        Path log = Files.createTempFile("junction-unenforced", ".log");

        Process process =
                launch(log, "--config", config.toString(), "--port", "0", "--cluster-name", "jar-" + UUID.randomUUID());

        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("general_settings.custom_auth")
                .contains("litellm_settings.callbacks: presidio")
                .contains("--allow-unenforced-access-controls")
                .doesNotContain("\tat ");
    }

    @Test
    void a_port_in_use_stops_start_up_with_one_line_naming_the_port_and_the_flag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = Files.createTempFile("junction-port", ".log");

            Process process = launch(
                    log,
                    "--port",
                    Integer.toString(taken.getLocalPort()),
                    "--cluster-name",
                    "jar-" + UUID.randomUUID());

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log))
                    .contains("junction: port " + taken.getLocalPort() + " is already in use")
                    .contains("--port")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void a_host_that_is_not_an_address_of_this_machine_stops_start_up_with_one_line_naming_it() throws Exception {
        // 999.1.1.1 does not resolve (it was a stack trace); 192.0.2.1 (TEST-NET-1) is no local address (it was
        // "port ... is already in use").
        for (String host : List.of("999.1.1.1", "192.0.2.1")) {
            Path log = Files.createTempFile("junction-host", ".log");

            Process process = launch(log, "--host", host, "--port", "0", "--cluster-name", "jar-" + UUID.randomUUID());

            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log))
                    .contains("junction: --host " + host + " is not an address of this machine")
                    .doesNotContain("already in use")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void a_database_url_the_driver_refuses_says_which_form_is_expected_without_a_stack_trace() throws Exception {
        Path config = Files.createTempFile("bad-db", ".yaml");
        Files.writeString(
                config,
                """
                model_list:
                  - model_name: canned
                    litellm_params:
                      model: openai/gpt-4o
                      mock_response: hi
                general_settings:
                  database_url: "postgresql://llm:s3cret@db.internal:port/litellm"
                """);
        Path log = Files.createTempFile("junction-bad-db", ".log");

        Process process =
                launch(log, "--config", config.toString(), "--port", "0", "--cluster-name", "jar-" + UUID.randomUUID());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("junction: invalid config: general_settings.database_url: ")
                .contains("expected postgresql://user:password@host:5432/db")
                .doesNotContain("s3cret")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void plain_java_jar_serves_the_demo_config_and_reports_its_cluster() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("junction-demo", ".log");
        long started = System.nanoTime();
        Process process = launch(
                log,
                "--port",
                Integer.toString(port),
                "--host",
                "127.0.0.1",
                "--cluster-name",
                "jar-" + UUID.randomUUID());
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> live = awaitLive(http, port, process);
            long startupMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("start-up to liveliness: " + startupMillis + " ms");

            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("chat.completion");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("open to anyone").doesNotContain("Exception");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> awaitLive(HttpClient http, int port, Process process) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveliness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        // A bound for a start-up that hangs, not a speed check: a 2-core machine busy with other builds has
        // taken 35 s to load the jar's classes and start Hazelcast.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the gateway process exited early").isTrue();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the gateway did not come up within 150 s");
    }
}
