package dev.junction.gateway;

import dev.junction.testkit.FakeUpstream;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Junction node in its own JVM: the packaged jar launched as a user runs it, so that a test can kill it
 * ({@code SIGKILL}), stop it ({@code SIGTERM}) or freeze it ({@code SIGSTOP}) like a real process.
 */
final class JarNode implements AutoCloseable {
    /** The jar as built; {@code -Djunction.test.jar=...} runs the cluster tests against another build. */
    private static final Path JAR = Path.of(System.getProperty("junction.test.jar", "target/junction.jar"));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    final String name;
    final int httpPort;
    final int clusterPort;
    final Path log;
    private final Process process;

    private JarNode(String name, int httpPort, int clusterPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.clusterPort = clusterPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Launches a node that joins the members on {@code memberPorts} (its own port may be among them), on {@code
     * config}, or without {@code --config} (the built-in demo) when it is null.
     */
    static JarNode launch(String name, Path config, String clusterName, int clusterPort, List<Integer> memberPorts)
            throws IOException {
        return launch(name, config, clusterName, clusterPort, memberPorts, List.of());
    }

    /** As {@link #launch(String, Path, String, int, List)}, with more arguments (a data directory, say). */
    static JarNode launch(
            String name,
            Path config,
            String clusterName,
            int clusterPort,
            List<Integer> memberPorts,
            List<String> moreArguments)
            throws IOException {
        return launch(name, config, clusterName, clusterPort, memberPorts, moreArguments, Map.of());
    }

    /**
     * As {@link #launch(String, Path, String, int, List, List)}, with {@code environment} added to the process's.
     */
    static JarNode launch(
            String name,
            Path config,
            String clusterName,
            int clusterPort,
            List<Integer> memberPorts,
            List<String> moreArguments,
            Map<String, String> environment)
            throws IOException {
        int httpPort = freePort();
        Path log = Files.createTempFile("junction-" + name + "-", ".log");
        String members = memberPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small heaps and a simple collector: four of these JVMs share a small machine with the build.
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString()));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        command.addAll(List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(httpPort),
                "--cluster-name",
                clusterName,
                "--cluster-port",
                Integer.toString(clusterPort),
                "--cluster-members",
                members));
        command.addAll(moreArguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new JarNode(name, httpPort, clusterPort, log, process);
    }

    /** Writes the config resource to a temporary file, with {@code ${UPSTREAM}} replaced by the upstream's address. */
    static Path config(String resource, FakeUpstream upstream) throws IOException {
        Path config = Files.createTempFile("junction-cluster", ".yaml");
        try (InputStream in = JarNode.class.getResourceAsStream(resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(config, yaml.replace("${UPSTREAM}", upstream.baseUrl()));
        }
        return config;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What this node says on {@code /health/readiness}, or an empty object while it does not answer. */
    JsonObject readiness() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri("/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject();
        } catch (IOException notUp) {
            return new JsonObject();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new JsonObject();
        }
    }

    /** The cluster size this node reports, or -1 while it does not answer. */
    int clusterMembers() {
        return readiness().getInteger("cluster_members", -1);
    }

    /** Waits until no partition migrates and every backup is in sync, as this node sees it. */
    void awaitClusterSafe(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!readiness().getBoolean("cluster_safe", false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not report a safe cluster within " + within);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until this node serves and sees {@code members} members; fails with the log tail if it cannot. */
    void awaitMembers(int members, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited early:\n" + logTail());
            }
            if (clusterMembers() == members) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not see " + members + " members within " + within + ":\n" + logTail());
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    String logTail() throws IOException {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** {@code SIGKILL}: the process vanishes without a word to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** {@code SIGTERM}: the node drains and leaves. */
    void terminate() {
        process.destroy();
    }

    boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code SIGSTOP} or {@code SIGCONT}: the process freezes (or thaws) with its sockets open. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                signal("CONT");
            } catch (IOException alreadyGone) {
                // It exited on its own meanwhile.
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
