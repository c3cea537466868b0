package dev.junction.gateway;

import static dev.junction.gateway.ClusterCases.chatPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import dev.junction.cluster.state.FailOpenRoutingState;
import dev.junction.gateway.ChatLoad.Reply;
import dev.junction.testkit.Answer;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three (later four) Junction nodes as separate JVMs on loopback, in front of one fake upstream: shared rpm
 * windows and cooldowns under concurrent load, a node killed, a node joining, a node draining on SIGTERM.
 * The nodes start once; the tests run in order because some of them kill or add a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration FORMATION = Duration.ofSeconds(90);
    private static final String CLUSTER = "cluster-it-" + UUID.randomUUID();

    private static Vertx vertx;
    private static FakeUpstream upstream;
    private static Path config;
    private static List<Integer> clusterPorts;
    private static final List<JarNode> nodes = new ArrayList<>();
    private static HazelcastInstance client;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        vertx = Vertx.vertx();
        upstream = GatewayHarness.await(FakeUpstream.start(vertx));
        config = JarNode.config("/e2e/cluster.yaml", upstream);
        // The fourth port belongs to the node that joins later; listing it from the start is harmless.
        clusterPorts = List.of(JarNode.freePort(), JarNode.freePort(), JarNode.freePort(), JarNode.freePort());
        long started = System.nanoTime();
        for (String name : List.of("a", "b", "c")) {
            nodes.add(JarNode.launch(name, config, CLUSTER, clusterPorts.get(nodes.size()), clusterPorts));
        }
        for (JarNode node : nodes) {
            node.awaitMembers(3, FORMATION);
        }
        System.out.printf("3 nodes formed a cluster in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        ClientConfig clientConfig = new ClientConfig().setClusterName(CLUSTER);
        clientConfig.setProperty("hazelcast.logging.type", "slf4j");
        clusterPorts
                .subList(0, 3)
                .forEach(port -> clientConfig.getNetworkConfig().addAddress("127.0.0.1:" + port));
        client = HazelcastClient.newHazelcastClient(clientConfig);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (JarNode node : nodes) {
            node.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (vertx != null) {
            GatewayHarness.await(vertx.close());
        }
    }

    private static List<JarNode> alive() {
        return nodes.stream().filter(JarNode::isAlive).toList();
    }

    @Test
    @Order(1)
    void three_nodes_under_concurrent_load_admit_at_most_the_rpm_limit_in_one_minute() throws Exception {
        upstream.on(chatPath("capped")).replyAlways(OpenAiWire.ok("capped"));
        MinuteWindows.awaitRoom(Duration.ofSeconds(25));
        long window = MinuteWindows.current();

        // At least 4 s of load, and on a slow machine until clearly more than the limit was asked for.
        List<Reply> replies = ChatLoad.run(nodes, "capped", Duration.ofSeconds(4), 90, Duration.ofSeconds(20))
                .replies();

        assertThat(MinuteWindows.current())
                .as("the load ran within one minute window")
                .isEqualTo(window);
        long admitted = replies.stream().filter(Reply::ok).count();
        System.out.printf(
                "rpm 60 under load from 3 nodes: %d requests, %d admitted, upstream saw %d%n",
                replies.size(), admitted, upstream.requests(chatPath("capped")).size());
        assertThat(upstream.requests(chatPath("capped"))).hasSize((int) admitted);
        assertThat(admitted).isLessThanOrEqualTo(60);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isIn(200, 429));
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 429)
                .isNotEmpty()
                .allSatisfy(refused ->
                        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 60L));
    }

    @Test
    @Order(2)
    void a_deployment_cooled_on_one_node_gets_no_traffic_from_the_others_a_second_later() throws Exception {
        ClusterCases.cooledOnOneNodeIsSkippedByTheOthers(upstream, nodes);
    }

    @Test
    @Order(3)
    void killing_the_owner_of_a_window_loses_no_request_and_no_count() throws Exception {
        upstream.on(chatPath("kill-capped")).replyAlways(OpenAiWire.ok("kill-capped"));
        upstream.on(chatPath("steady")).replyAlways(OpenAiWire.ok("steady"));
        Partition partition = client.getPartitionService().getPartition("kill-capped");
        assertThat(client.getPartitionService().getPartition("steady-52").getPartitionId())
                .isEqualTo(partition.getPartitionId());
        JarNode victim = owner(partition);
        List<JarNode> survivors = alive().stream().filter(n -> n != victim).toList();
        MinuteWindows.awaitRoom(Duration.ofSeconds(30));
        long window = MinuteWindows.current();
        assertThat(send(survivors, "kill-capped", 20))
                .as("20 of the rpm 30 used before the kill")
                .isEqualTo(20);

        ChatLoad load = ChatLoad.start(survivors, "steady");
        Thread.sleep(1000);
        long killed = System.nanoTime();
        victim.kill();
        for (JarNode survivor : survivors) {
            survivor.awaitMembers(2, Duration.ofSeconds(60));
        }
        long detectedMillis = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(1000);
        List<Reply> replies = load.stop();
        long admittedAfter = send(survivors, "kill-capped", 20);

        assertThat(MinuteWindows.current())
                .as("the test ran within one minute window")
                .isEqualTo(window);
        System.out.printf(
                "kill: survivors saw 2 members %d ms after the SIGKILL; %d requests under load, slowest %d ms;"
                        + " %d admitted after the kill%n",
                detectedMillis,
                replies.size(),
                replies.stream().mapToLong(Reply::nanos).max().orElse(0) / 1_000_000,
                admittedAfter);
        assertThat(replies)
                .isNotEmpty()
                .allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        assertThat(admittedAfter).as("the 20 used before the kill still count").isEqualTo(10);
        assertThat(upstream.requests(chatPath("kill-capped"))).hasSize(30);
    }

    /** Sends {@code count} requests round-robin over {@code to}; returns how many were admitted (200). */
    private static long send(List<JarNode> to, String model, int count) {
        long admitted = 0;
        for (int i = 0; i < count; i++) {
            Reply reply = ChatLoad.chat(to.get(i % to.size()), model);
            assertThat(reply.status()).as("%s", reply).isIn(200, 429);
            admitted += reply.ok() ? 1 : 0;
        }
        return admitted;
    }

    private static JarNode owner(Partition partition) {
        int port = partition.getOwner().getAddress().getPort();
        return nodes.stream().filter(n -> n.clusterPort == port).findFirst().orElseThrow();
    }

    @Test
    @Order(4)
    void a_node_joining_mid_load_serves_at_once_with_the_current_usage_and_cooldowns() throws Exception {
        upstream.on(chatPath("join-capped")).replyAlways(OpenAiWire.ok("join-capped"));
        upstream.on(chatPath("join-paired-a")).replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(60)));
        upstream.on(chatPath("join-paired-b")).replyAlways(OpenAiWire.ok("join-paired-b"));
        List<JarNode> members = alive();
        for (int i = 0; i < 20 && upstream.requests(chatPath("join-paired-a")).isEmpty(); i++) {
            assertThat(ChatLoad.chat(members.get(0), "join-paired").status()).isEqualTo(200);
        }
        assertThat(upstream.requests(chatPath("join-paired-a"))).hasSize(1);
        // One client keeps the rpm 5 window full, minute after minute; another keeps the cluster busy.
        ChatLoad capped = ChatLoad.start(members.subList(0, 1), "join-capped");
        ChatLoad steady = ChatLoad.start(members.subList(1, 2), "steady");

        Reply first;
        List<Reply> paired = new ArrayList<>();
        List<Reply> load = new ArrayList<>();
        try {
            long started = System.nanoTime();
            JarNode d = JarNode.launch("d", config, CLUSTER, clusterPorts.get(3), clusterPorts);
            nodes.add(d);
            d.awaitMembers(members.size() + 1, FORMATION);
            System.out.printf("d joined and served in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            MinuteWindows.awaitSecond(2);
            first = ChatLoad.chat(d, "join-capped");
            for (int i = 0; i < 5; i++) {
                paired.add(ChatLoad.chat(d, "join-paired"));
            }
        } finally {
            load.addAll(capped.stop());
            load.addAll(steady.stop());
        }

        assertThat(first.status())
                .as("the window filled before d joined is full on d too")
                .isEqualTo(429);
        assertThat(first.retryAfter()).isNotNull();
        assertThat(paired).allSatisfy(reply -> assertThat(reply.modelId()).isEqualTo("join-paired-b"));
        assertThat(upstream.requests(chatPath("join-paired-a")))
                .as("d skips the deployment cooled before it joined")
                .hasSize(1);
        assertThat(load).allSatisfy(reply -> assertThat(reply.status()).isIn(200, 429));
    }

    @Test
    @Order(5)
    void a_frozen_member_costs_one_deadline_and_never_hangs_requests_on_the_others() throws Exception {
        upstream.on(chatPath("steady")).replyAlways(OpenAiWire.ok("steady"));
        for (JarNode node : alive()) {
            node.awaitClusterSafe(Duration.ofSeconds(30));
        }
        JarNode frozen = owner(client.getPartitionService().getPartition("steady-52"));
        List<JarNode> others = alive().stream().filter(n -> n != frozen).toList();

        List<Reply> replies;
        JsonObject readiness;
        frozen.signal("STOP");
        try {
            ChatLoad load = ChatLoad.start(others, "steady");
            Thread.sleep(4000);
            readiness = others.get(0).readiness();
            Thread.sleep(1000);
            replies = load.stop();
        } finally {
            frozen.signal("CONT");
        }

        long slowestMillis = replies.stream().mapToLong(Reply::nanos).max().orElse(0) / 1_000_000;
        System.out.printf(
                "freeze: %d requests on the other nodes while the owner was frozen, slowest %d ms%n",
                replies.size(), slowestMillis);
        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        assertThat(slowestMillis)
                .as("the first request waits out the state deadline once, then the node decides alone")
                .isBetween(
                        FailOpenRoutingState.DEFAULT_TIMEOUT.toMillis(),
                        FailOpenRoutingState.DEFAULT_TIMEOUT.toMillis() + 2500);
        assertThat(replies.size()).isGreaterThan(others.size() * 5);
        for (JarNode node : others) {
            assertThat(node.logText()).contains("deciding on this node alone");
        }
        assertThat(readiness.getInteger("cluster_members"))
                .as("readiness answers within its 2 s timeout while a member is frozen")
                .isEqualTo(alive().size());
        frozen.awaitMembers(alive().size(), Duration.ofSeconds(20));
    }

    @Test
    @Order(6)
    void sigterm_drains_the_stream_in_flight_and_refuses_new_connections() throws Exception {
        // About 7 s of stream: SIGTERM lands early in it, and the node must see it through.
        List<String> frames = OpenAiWire.chat("gpt-4o")
                .content("a slow answer in many pieces")
                .streamEvents(16, false);
        upstream.on(chatPath("drip")).replyAlways(Answer.sse(frames, Duration.ofMillis(400)));
        JarNode d = nodes.get(3);
        List<JarNode> others = alive().stream().filter(n -> n != d).toList();
        HttpRequest request = HttpRequest.newBuilder(d.uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + ChatLoad.MASTER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(ChatLoad.body("drip", true)))
                .build();
        HttpResponse<InputStream> response = ChatLoad.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("data: {");

        long terminated = System.nanoTime();
        d.terminate();
        CompletableFuture<List<String>> rest =
                CompletableFuture.supplyAsync(() -> reader.lines().toList());
        boolean refused = refusesConnections(d, Duration.ofSeconds(3));
        long refusedMillis = (System.nanoTime() - terminated) / 1_000_000;
        boolean streamStillOpen = !rest.isDone();

        assertThat(refused)
                .as("d stops accepting connections once it got SIGTERM")
                .isTrue();
        assertThat(streamStillOpen).as("...while the stream is still going").isTrue();
        assertThat(rest.get(20, TimeUnit.SECONDS)).contains("data: [DONE]");
        assertThat(d.awaitExit(Duration.ofSeconds(20)))
                .as("d exits once drained")
                .isTrue();
        long exitedMillis = (System.nanoTime() - terminated) / 1_000_000;
        assertThat(d.logText()).contains("Requests in flight done");
        System.out.printf(
                "drain: new connections refused %d ms after SIGTERM; stream done and process exited %d ms after it%n",
                refusedMillis, exitedMillis);
        for (JarNode node : others) {
            node.awaitMembers(others.size(), Duration.ofSeconds(20));
        }
    }

    private static boolean refusesConnections(JarNode node, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", node.httpPort), 500);
            } catch (ConnectException refused) {
                return true;
            } catch (java.io.IOException other) {
                // A timeout is not a refusal; keep trying.
            }
            Thread.sleep(50);
        }
        return false;
    }
}
