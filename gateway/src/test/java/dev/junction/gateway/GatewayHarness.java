package dev.junction.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.testkit.FakeUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real Junction node (a one-member Hazelcast cluster of its own) on a free port, in front of a real
 * fake upstream. Started once per test class: a cluster member takes seconds to start.
 */
final class GatewayHarness implements AutoCloseable {
    final Vertx vertx;
    final FakeUpstream upstream;
    JunctionNode node;
    private final NodeOptions options;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final Map<String, List<Integer>> CLUSTER_PORTS = new ConcurrentHashMap<>();

    private GatewayHarness(Vertx vertx, FakeUpstream upstream, JunctionNode node, NodeOptions options) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.node = node;
        this.options = options;
    }

    /**
     * Starts a node on the config test resource {@code resource}, with {@code ${UPSTREAM}} (the fake upstream's
     * base URL) and {@code ${UPSTREAM_AUTHORITY}} (its host and port) filled in.
     */
    static GatewayHarness start(String resource) throws Exception {
        return start(resource, Map.of(), "junction-e2e-" + UUID.randomUUID(), null);
    }

    /**
     * Starts a node on {@code resource} with {@code ${UPSTREAM}} and the {@code placeholders} filled in, as a
     * member of {@code clusterName}, storing keys in {@code dataDir} (a fresh directory when null).
     */
    static GatewayHarness start(String resource, Map<String, String> placeholders, String clusterName, Path dataDir)
            throws Exception {
        return start(resource, placeholders, Map.of(), clusterName, dataDir);
    }

    /** As above, with {@code env} as the environment the config is read in ({@code os.environ/}, JWT variables). */
    static GatewayHarness start(
            String resource,
            Map<String, String> placeholders,
            Map<String, String> env,
            String clusterName,
            Path dataDir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeUpstream upstream = await(FakeUpstream.start(vertx));
        Path config = Files.createTempFile("junction-e2e", ".yaml");
        try (InputStream in = GatewayHarness.class.getResourceAsStream(resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${UPSTREAM}", upstream.baseUrl())
                    .replace("${UPSTREAM_AUTHORITY}", "127.0.0.1:" + upstream.port());
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                yaml = yaml.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
            }
            Files.writeString(config, yaml);
        }
        JunctionConfig loaded = await(ConfigLoader.load(vertx, config, env));
        ClusterSettings cluster = memberOf(clusterName);
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("junction-e2e-data");
        NodeOptions options = new NodeOptions(loaded, "127.0.0.1", 0, cluster, 2, data);
        JunctionNode node = await(JunctionNode.start(options));
        return new GatewayHarness(vertx, upstream, node, options);
    }

    /**
     * A member port of its own for each node, listing the ports of the cluster's earlier nodes. The default
     * (5701 and the next two) is found taken when other test runs share the machine, and nodes pushed beyond
     * it would each form a cluster of their own.
     */
    private static ClusterSettings memberOf(String clusterName) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<Integer> ports = CLUSTER_PORTS.computeIfAbsent(clusterName, name -> new CopyOnWriteArrayList<>());
        ports.add(port);
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        return new ClusterSettings(clusterName, port, members);
    }

    /** The config file the node was started on (placeholders filled in). */
    Path configFile() {
        return Path.of(options.config().source());
    }

    /** Stops the node gracefully (spend flushed) and starts a new one on the same config and data directory. */
    void restart() throws Exception {
        await(node.shutdown(Duration.ofSeconds(5)));
        node = await(JunctionNode.start(options));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + node.port();
    }

    OpenAIClient openAi(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * A POST whose body is sent chunked (no Content-Length), optionally after waiting for {@code 100 Continue}:
     * the gateway must count the body as it comes and answer the expectation.
     */
    HttpResponse<String> postChunked(String path, String body, boolean expectContinue, String... headers)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .expectContinue(expectContinue)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A whole exchange, body included, must finish in time: a test never hangs the build. */
    private static <T> HttpResponse<T> bounded(java.util.concurrent.CompletableFuture<HttpResponse<T>> exchange)
            throws IOException, InterruptedException {
        try {
            return exchange.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("exchange did not complete in 30 s", e);
        }
    }

    /** A request with any method and a body (LiteLLM serves some management routes as PATCH and DELETE). */
    HttpResponse<String> request(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A GET whose body is kept as bytes (a binary format such as Prometheus's protobuf one). */
    HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    HttpResponse<String> delete(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .DELETE();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return bounded(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<InputStream> postStreaming(String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(node.close());
        } finally {
            upstream.close();
            await(vertx.close());
        }
    }
}
