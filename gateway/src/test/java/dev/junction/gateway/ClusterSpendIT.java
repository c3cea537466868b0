package dev.junction.gateway;

import static dev.junction.gateway.ClusterCases.chatPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.spend.LedgerOptions;
import dev.junction.gateway.ChatLoad.Reply;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Spend and budgets of virtual keys on three Junction nodes as separate JVMs sharing one embedded store (one
 * host, one data directory): a member frozen, a member killed under load, nodes stopped right after calls, and
 * the whole cluster restarted. Every call costs exactly 0.02. The nodes start once; the cases run in order, as
 * some of them stop nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSpendIT {
    private static final Duration FORMATION = Duration.ofSeconds(150);
    private static final double CALL = 0.02;
    private static final String CLUSTER = "spend-it-" + UUID.randomUUID();

    private static Vertx vertx;
    private static FakeUpstream upstream;
    private static Path config;
    private static List<String> dataDir;
    private static List<Integer> clusterPorts;
    private static final List<JarNode> nodes = new ArrayList<>();
    private static HazelcastInstance client;
    /** The keys of the earlier cases, by case, and the spend each must show after the restart. */
    private static final Map<String, SpentKey> spent = new LinkedHashMap<>();

    private record SpentKey(KeyAdminClient.Key key, double spend) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.2f", spend);
        }
    }

    @BeforeAll
    static void startThreeNodes() throws Exception {
        vertx = Vertx.vertx();
        upstream = GatewayHarness.await(FakeUpstream.start(vertx));
        upstream.on(chatPath("cheap"))
                .replyAlways(OpenAiWire.chat("gpt-4o").usage(10, 5).answer());
        config = JarNode.config("/e2e/cluster-spend.yaml", upstream);
        dataDir = List.of(
                "--data-dir", Files.createTempDirectory("junction-spend-it").toString());
        clusterPorts = List.of(JarNode.freePort(), JarNode.freePort(), JarNode.freePort(), JarNode.freePort());
        for (String name : List.of("a", "b", "c")) {
            nodes.add(launch(name, nodes.size()));
        }
        for (JarNode node : nodes) {
            node.awaitMembers(3, FORMATION);
        }
        ClientConfig clientConfig = new ClientConfig().setClusterName(CLUSTER);
        clientConfig.setProperty("hazelcast.logging.type", "slf4j");
        clusterPorts.forEach(port -> clientConfig.getNetworkConfig().addAddress("127.0.0.1:" + port));
        client = HazelcastClient.newHazelcastClient(clientConfig);
    }

    private static JarNode launch(String name, int port) throws Exception {
        return JarNode.launch(name, config, CLUSTER, clusterPorts.get(port), clusterPorts, dataDir);
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

    /** The node owning a key's spend counter. */
    private static JarNode owner(KeyAdminClient.Key key) {
        int port = client.getPartitionService()
                .getPartition(key.subjectId())
                .getOwner()
                .getAddress()
                .getPort();
        return nodes.stream().filter(n -> n.clusterPort == port).findFirst().orElseThrow();
    }

    private static int calls(JarNode node, KeyAdminClient.Key key, int count) {
        int admitted = 0;
        for (int i = 0; i < count; i++) {
            Reply reply = ChatLoad.chat(node, "cheap", key.key());
            assertThat(reply.status()).as("%s", reply).isIn(200, 400);
            admitted += reply.ok() ? 1 : 0;
        }
        return admitted;
    }

    private static long ok(List<Reply> replies) {
        return replies.stream().filter(Reply::ok).count();
    }

    @Test
    @Order(1)
    void a_frozen_member_holding_a_budget_costs_its_calls_one_deadline_and_no_spend() throws Exception {
        KeyAdminClient.Key key = KeyAdminClient.generate(alive().get(0), new JsonObject().put("max_budget", 100));
        JarNode frozen = owner(key);
        List<JarNode> others = alive().stream().filter(n -> n != frozen).toList();
        int before = 0;
        for (JarNode node : others) {
            before += calls(node, key, 1);
            node.awaitClusterSafe(Duration.ofSeconds(30));
        }

        List<Reply> replies;
        frozen.signal("STOP");
        try {
            ChatLoad load = ChatLoad.start(others, "cheap", key.key());
            Thread.sleep(6000);
            replies = load.stop();
        } finally {
            frozen.signal("CONT");
        }

        long slowestMillis = replies.stream().mapToLong(Reply::nanos).max().orElse(0) / 1_000_000;
        double expected = (before + ok(replies)) * CALL;
        spent.put("frozen", new SpentKey(key, expected));
        double settled = KeyAdminClient.awaitSpend(others.get(0), key, expected, Duration.ofSeconds(40));
        System.out.printf(
                "freeze: %d calls of a budgeted key on the other nodes, slowest %d ms; spend %.2f for %.2f%n",
                replies.size(), slowestMillis, settled, expected);
        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        assertThat(replies.size()).isGreaterThan(others.size() * 5);
        assertThat(slowestMillis)
                .as("one state deadline at most, not the 20 s until the member is declared dead")
                .isLessThan(LedgerOptions.DEFAULT_DEADLINE.toMillis() + 2500);
        for (JarNode node : others) {
            assertThat(node.logText()).contains("Budget counters failed or took over 3000 ms");
        }
        assertThat(settled).isCloseTo(expected, within(1e-9));
        frozen.awaitMembers(3, Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void killing_the_owner_of_a_spend_counter_under_load_loses_no_spend() throws Exception {
        KeyAdminClient.Key key = KeyAdminClient.generate(alive().get(0), new JsonObject().put("max_budget", 1000));
        for (JarNode node : alive()) {
            node.awaitClusterSafe(Duration.ofSeconds(30));
        }
        JarNode victim = owner(key);
        List<JarNode> survivors = alive().stream().filter(n -> n != victim).toList();

        ChatLoad onVictim = ChatLoad.start(List.of(victim), "cheap", key.key());
        ChatLoad onSurvivors = ChatLoad.start(survivors, "cheap", key.key());
        Thread.sleep(1500);
        // The victim's last calls have settled (a settlement takes milliseconds), but their spend is not in the
        // store yet: it is written every 5 s here. Calls it answered in the very moment of its death would be
        // lost, as their settlement had not left it; the test keeps clear of that moment.
        long before = ok(onVictim.stop());
        Thread.sleep(500);
        victim.kill();
        for (JarNode survivor : survivors) {
            survivor.awaitMembers(2, Duration.ofSeconds(60));
        }
        Thread.sleep(1000);
        List<Reply> replies = onSurvivors.stop();

        double expected = (before + ok(replies)) * CALL;
        spent.put("killed", new SpentKey(key, expected));
        double live = KeyAdminClient.awaitSpend(survivors.get(0), key, expected, Duration.ofSeconds(30));
        System.out.printf(
                "kill: %d calls on the survivors under load, %d on the victim before; spend %.2f for %.2f%n",
                replies.size(), before, live, expected);
        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        assertThat(live).isCloseTo(expected, within(1e-9));
    }

    @Test
    @Order(3)
    void a_node_stopped_right_after_its_calls_leaves_their_spend_with_the_others() throws Exception {
        KeyAdminClient.Key key = KeyAdminClient.generate(alive().get(0), new JsonObject());
        JarNode stopped = alive().get(0);
        JarNode other = alive().get(1);

        int admitted = calls(stopped, key, 10);
        stopped.terminate();
        spent.put("stopped", new SpentKey(key, admitted * CALL));
        assertThat(stopped.awaitExit(Duration.ofSeconds(60))).isTrue();

        double live = KeyAdminClient.awaitSpend(other, key, admitted * CALL, Duration.ofSeconds(10));
        System.out.printf("sigterm: %d calls then SIGTERM; the other node shows %.2f%n", admitted, live);
        assertThat(admitted).isEqualTo(10);
        assertThat(live).isCloseTo(10 * CALL, within(1e-9));
    }

    @Test
    @Order(4)
    void after_the_whole_cluster_restarts_the_store_holds_every_call_and_budgets_admit_what_is_left() throws Exception {
        JarNode last = alive().get(0);
        SpentKey stoppedAfterCalls = spent.get("stopped");
        int admitted = calls(last, stoppedAfterCalls.key(), 5);
        last.terminate();
        assertThat(last.awaitExit(Duration.ofSeconds(60))).isTrue();
        spent.put("stopped", new SpentKey(stoppedAfterCalls.key(), stoppedAfterCalls.spend() + admitted * CALL));

        JarNode p = launch("p", 0);
        JarNode q = launch("q", 1);
        nodes.add(p);
        nodes.add(q);
        p.awaitMembers(2, FORMATION);
        q.awaitMembers(2, FORMATION);

        Map<String, Double> stored = new LinkedHashMap<>();
        for (Map.Entry<String, SpentKey> each : spent.entrySet()) {
            stored.put(each.getKey(), KeyAdminClient.spend(p, each.getValue().key()));
        }
        // The key of the killed member: a budget with five calls left admits exactly five.
        SpentKey killed = spent.get("killed");
        KeyAdminClient.update(p, killed.key(), new JsonObject().put("max_budget", killed.spend() + 5 * CALL));
        int more = 0;
        for (int i = 0; i < 8; i++) {
            more += calls(i % 2 == 0 ? p : q, killed.key(), 1);
            Thread.sleep(200);
        }

        System.out.printf("restart: stored %s for %s; %d calls admitted by 5 left%n", stored, spent, more);
        spent.forEach((name, each) -> assertThat(stored.get(name))
                .as("the spend stored for the %s key", name)
                .isCloseTo(each.spend(), within(1e-9)));
        assertThat(more)
                .as("calls admitted by the budget left after the restart")
                .isEqualTo(5);
    }
}
