package dev.junction.gateway;

import static dev.junction.gateway.ClusterCases.chatPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.cluster.state.HazelcastRoutingState;
import dev.junction.cluster.state.StateSerializers;
import dev.junction.gateway.ChatLoad.Reply;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three Junction nodes as separate JVMs in the default accuracy mode (batched): a shared rpm limit holds
 * within the bound the README states, and cooldowns reach the other nodes as in strict mode. The cases that
 * kill, freeze, add or drain nodes run in {@link ClusterIT}: they exercise membership and backups, which the
 * two modes share.
 */
class BatchedClusterIT {
    private static final Duration FORMATION = Duration.ofSeconds(90);
    private static final String CLUSTER = "batched-cluster-it-" + UUID.randomUUID();
    private static final Duration SYNC_INTERVAL = Duration.ofMillis(JunctionNode.DEFAULT_SYNC_MILLIS);

    private static Vertx vertx;
    private static FakeUpstream upstream;
    private static final List<JarNode> nodes = new ArrayList<>();
    private static HazelcastInstance client;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        vertx = Vertx.vertx();
        upstream = GatewayHarness.await(FakeUpstream.start(vertx));
        Path config = JarNode.config("/e2e/cluster-batched.yaml", upstream);
        List<Integer> clusterPorts = List.of(JarNode.freePort(), JarNode.freePort(), JarNode.freePort());
        for (String name : List.of("a", "b", "c")) {
            nodes.add(JarNode.launch(name, config, CLUSTER, clusterPorts.get(nodes.size()), clusterPorts));
        }
        for (JarNode node : nodes) {
            node.awaitMembers(3, FORMATION);
        }
        for (JarNode node : nodes) {
            node.awaitClusterSafe(Duration.ofSeconds(30));
        }
        ClientConfig clientConfig = new ClientConfig().setClusterName(CLUSTER);
        clientConfig.setProperty("hazelcast.logging.type", "slf4j");
        // The counters are stored in Junction's own serialized form: the client reads them as a member does.
        StateSerializers.configs().forEach(clientConfig.getSerializationConfig()::addSerializerConfig);
        clusterPorts.forEach(port -> clientConfig.getNetworkConfig().addAddress("127.0.0.1:" + port));
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

    @Test
    void three_nodes_under_concurrent_load_admit_the_rpm_limit_plus_at_most_rate_times_the_sync_delay()
            throws Exception {
        upstream.on(chatPath("capped")).replyAlways(OpenAiWire.ok("capped"));
        MinuteWindows.awaitRoom(Duration.ofSeconds(25));
        long window = MinuteWindows.current();

        RoundTrips roundTrips = RoundTrips.sample(client.getMap(HazelcastRoutingState.DEPLOYMENTS_MAP), "capped");
        ChatLoad.Run run;
        try {
            run = ChatLoad.run(nodes, "capped", Duration.ofSeconds(4), 90, Duration.ofSeconds(20));
        } finally {
            roundTrips.stop();
        }
        List<Reply> replies = run.replies();

        assertThat(MinuteWindows.current())
                .as("the load ran within one minute window")
                .isEqualTo(window);
        long limit = 60;
        long admitted = replies.stream().filter(Reply::ok).count();
        long roundTrip = roundTrips.percentileNanos(99);
        double delaySeconds = 2 * (SYNC_INTERVAL.toNanos() + roundTrip) / 1e9;
        long bound = limit + (long) Math.ceil(run.rate() * delaySeconds);
        System.out.printf(
                "batched rpm 60 under load from 3 nodes: %d requests at %.0f/s, %d admitted, upstream saw %d;"
                        + " cluster round trip p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples); bound %d%n",
                replies.size(),
                run.rate(),
                admitted,
                upstream.requests(chatPath("capped")).size(),
                roundTrips.percentileNanos(50) / 1e6,
                roundTrip / 1e6,
                roundTrips.percentileNanos(100) / 1e6,
                roundTrips.samples(),
                bound);
        assertThat(upstream.requests(chatPath("capped"))).hasSize((int) admitted);
        assertThat(admitted)
                .as("the README's bound: L + R x 2 x (sync interval + round trip)")
                .isBetween(limit, bound);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isIn(200, 429));
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 429)
                .isNotEmpty()
                .allSatisfy(refused ->
                        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 60L));
    }

    @Test
    void a_deployment_cooled_on_one_node_gets_no_traffic_from_the_others_a_second_later() throws Exception {
        ClusterCases.cooledOnOneNodeIsSkippedByTheOthers(upstream, nodes);
    }

    /**
     * Times one cluster call after another from the test's Hazelcast client while the load runs: the round trip
     * of the bound is their 99th percentile (the slowest few are the client's own pauses, not the nodes').
     */
    private static final class RoundTrips {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> nanos = new ArrayList<>();
        private final Thread thread;
        private volatile RuntimeException failure;

        private RoundTrips(IMap<String, ?> map, String key) {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            long started = System.nanoTime();
                            try {
                                map.get(key);
                            } catch (RuntimeException broken) {
                                failure = broken;
                                return;
                            }
                            nanos.add(System.nanoTime() - started);
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException stop) {
                                return;
                            }
                        }
                    },
                    "round-trips");
        }

        static RoundTrips sample(IMap<String, ?> map, String key) {
            for (int i = 0; i < 20; i++) {
                map.get(key); // the client's first calls connect and fetch the partition table
            }
            RoundTrips roundTrips = new RoundTrips(map, key);
            roundTrips.thread.start();
            return roundTrips;
        }

        /** Stops sampling; the percentiles are read after this. */
        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
            if (failure != null) {
                throw new AssertionError("The round-trip sampler failed", failure);
            }
            nanos.sort(null);
        }

        long percentileNanos(double percentile) {
            return nanos.get((int) Math.min(nanos.size() - 1, Math.floor(nanos.size() * percentile / 100)));
        }

        int samples() {
            return nanos.size();
        }
    }
}
