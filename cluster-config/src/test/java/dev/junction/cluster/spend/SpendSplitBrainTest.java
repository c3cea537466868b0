package dev.junction.cluster.spend;

import static dev.junction.cluster.spend.BudgetLedgerTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.ClusterSettings;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.cluster.node.TcpProxy;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real split brain: two members that reach each other only through loopback relays, which the test cuts
 * (each member is then a cluster of its own, holding a full copy of the counters) and heals (Hazelcast finds
 * the other side and merges it, through {@link SpendMergePolicy}). Hazelcast's timings are shortened so that a
 * split and its merge take seconds.
 */
class SpendSplitBrainTest {
    private static final double BUDGET = 5.0;
    private static final double CALL = 0.25;
    private static final Duration WITHIN = Duration.ofSeconds(90);

    private Vertx vertx;
    private final List<TcpProxy> relays = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        members.forEach(member -> member.getLifecycleService().terminate());
        relays.forEach(TcpProxy::close);
        await(vertx.close());
    }

    /** Two members joined through relays; with {@code quorum}, the counters need that many members to answer. */
    private void twoMembers(Integer quorum) throws IOException {
        String cluster = "split-" + UUID.randomUUID();
        List<Integer> ports = List.of(freePort(), freePort());
        List<Integer> relayPorts = List.of(freePort(), freePort());
        List<String> addresses =
                relayPorts.stream().map(port -> "127.0.0.1:" + port).toList();
        for (int i = 0; i < 2; i++) {
            // Each relay opens just before its member: a relay with nobody behind it would take the first member's
            // join attempts and drop them, and the member would wait for an answer instead of starting a cluster.
            relays.add(new TcpProxy(relayPorts.get(i), ports.get(i)));
            Config config = HazelcastConfigFactory.build(new ClusterSettings(cluster, ports.get(i), addresses));
            config.getNetworkConfig().setPublicAddress(addresses.get(i));
            config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
            config.setProperty("hazelcast.max.no.heartbeat.seconds", "4");
            config.setProperty("hazelcast.merge.first.run.delay.seconds", "3");
            config.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
            if (quorum != null) {
                SpendMap.requireQuorum(config, quorum);
            }
            members.add(Hazelcast.newHazelcastInstance(config));
        }
        awaitTrue("one cluster of two", () -> sizes(2) && safe());
    }

    private boolean sizes(int size) {
        return members.stream()
                .allMatch(member -> member.getCluster().getMembers().size() == size);
    }

    private boolean safe() {
        return members.stream().allMatch(member -> member.getPartitionService().isClusterSafe());
    }

    private void split() {
        relays.forEach(TcpProxy::cut);
        awaitTrue("two clusters of one", () -> sizes(1) && safe());
    }

    private void heal() {
        relays.forEach(TcpProxy::heal);
        awaitTrue("one cluster again", () -> sizes(2) && safe());
    }

    private BudgetLedger ledger(int member, boolean failClosed) {
        return new BudgetLedger(vertx, members.get(member), Clock.systemUTC(), LedgerOptions.defaults(failClosed));
    }

    /** Calls of {@link #CALL} on one node until its budget refuses one: how many it admitted. */
    private static int spendUntilRefused(BudgetLedger ledger, SpendSubject key) throws Exception {
        int admitted = 0;
        for (BudgetHold hold = await(ledger.reserve(key, CALL));
                hold.admitted();
                hold = await(ledger.reserve(key, CALL))) {
            await(ledger.settle(key, hold, CALL));
            admitted++;
        }
        return admitted;
    }

    @Test
    void each_side_of_a_split_spends_what_was_left_and_the_merge_adds_up_both() throws Exception {
        twoMembers(null);
        BudgetLedger one = ledger(0, false);
        BudgetLedger other = ledger(1, false);
        SpendSubject key = new SpendSubject("key:split", null, null, null, BUDGET, null, 1.0, 0);
        await(one.settle(key, await(one.reserve(key, 0)), 0.5));
        await(other.settle(key, await(other.reserve(key, 0)), 0.25));
        // Both nodes have seen the spend before the split (1.75), as nodes serving traffic have.
        await(one.reserve(key, 0));
        await(other.reserve(key, 0));

        split();
        int onOne = spendUntilRefused(one, key);
        int onOther = spendUntilRefused(other, key);
        heal();

        double merged = await(one.current(key.id())).orElseThrow().spend();
        double overspend = merged - BUDGET;
        System.out.printf(
                "split without quorum: %d + %d calls of %.2f admitted by the sides, %.2f left at the split;"
                        + " merged spend %.2f, overspend %.2f%n",
                onOne, onOther, CALL, BUDGET - 1.75, merged, overspend);
        // 3.25 was left at the split: each side spent it all (13 calls of 0.25), and the merge counts both.
        assertThat(onOne).isEqualTo(13);
        assertThat(onOther).isEqualTo(13);
        assertThat(merged).isCloseTo(1.75 + 2 * 13 * CALL, within(1e-9));
        assertThat(await(other.current(key.id())).orElseThrow().spend()).isCloseTo(merged, within(1e-9));
        assertThat(await(one.reserve(key, 0)).admitted()).isFalse();
    }

    @Test
    void with_a_quorum_each_side_below_it_keeps_to_its_share_of_what_was_left() throws Exception {
        twoMembers(2);
        BudgetLedger one = ledger(0, false);
        BudgetLedger other = ledger(1, false);
        SpendSubject key = new SpendSubject("key:split-quorum", null, null, null, BUDGET, null, 1.0, 0);
        await(one.settle(key, await(one.reserve(key, 0)), 0.5));
        await(other.settle(key, await(other.reserve(key, 0)), 0.25));
        // Both nodes have seen the spend before the split (1.75), as nodes serving traffic have.
        await(one.reserve(key, 0));
        await(other.reserve(key, 0));

        split();
        int onOne = spendUntilRefused(one, key);
        int onOther = spendUntilRefused(other, key);
        heal();

        double merged = awaitSpend(one, key, 1.75 + (onOne + onOther) * CALL);
        System.out.printf(
                "split with budget_quorum 2: %d + %d calls of %.2f admitted by the sides, merged spend %.2f"
                        + " (budget %.2f)%n",
                onOne, onOther, CALL, merged, BUDGET);
        // Neither side has the quorum: each keeps to half of the 3.25 left, 6 calls of 0.25.
        assertThat(onOne).isEqualTo(6);
        assertThat(onOther).isEqualTo(6);
        assertThat(merged).isLessThanOrEqualTo(BUDGET);
    }

    /** The settlements made while the quorum was missing reach the counter once it answers again. */
    private static double awaitSpend(BudgetLedger ledger, SpendSubject key, double expected) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        double seen = -1;
        while (System.nanoTime() < deadline) {
            seen = await(ledger.current(key.id())).map(SpendState::spend).orElse(-1.0);
            if (Math.abs(seen - expected) < 1e-9) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(seen).isCloseTo(expected, within(1e-9));
        return seen;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WITHIN + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
