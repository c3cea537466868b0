package dev.junction.cluster.spend;

import static dev.junction.cluster.spend.BudgetLedgerTest.await;
import static dev.junction.cluster.spend.BudgetLedgerTest.budgeted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.node.LoopbackMembers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets whose counter does not answer: its partition's thread on the other member is kept busy, as a frozen
 * or overloaded member would. The deadline is short so that the test does not wait long, yet a loaded build
 * machine can miss it without a stall: where the test needs the cluster to answer, it asks until it does.
 */
class BudgetDeadlineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final Duration ALONE_FOR = Duration.ofSeconds(3);
    private static final Duration STALL = Duration.ofSeconds(4);
    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private static Vertx vertx;
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void start() {
        List<HazelcastInstance> members = LoopbackMembers.start("ledger-deadline", 2);
        first = members.get(0);
        second = members.get(1);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        second.shutdown();
        first.shutdown();
        await(vertx.close());
    }

    /** Keeps the partition thread of a key busy for a while, as a member that stopped answering. */
    private static final class Stall implements EntryProcessor<String, Object, Object>, Serializable {
        private final long millis;

        Stall(long millis) {
            this.millis = millis;
        }

        @Override
        public Object process(Map.Entry<String, Object> entry) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, Object, Object> getBackupProcessor() {
            return null;
        }
    }

    /** A key whose counter lives on the second member, so that the first member's calls cross the network. */
    private static String subjectOnSecond() {
        while (true) {
            String id = "key:deadline-" + SUBJECTS.incrementAndGet();
            if (first.getPartitionService()
                    .getPartition(id)
                    .getOwner()
                    .equals(second.getCluster().getLocalMember())) {
                return id;
            }
        }
    }

    private static CompletableFuture<Object> stall(String id, Duration forHowLong) {
        return first.<String, Object>getMap(SpendMap.NAME)
                .submitToKey(id, new Stall(forHowLong.toMillis()))
                .toCompletableFuture();
    }

    /**
     * A reservation of nothing that the cluster's counter decided: asked again (after the node's time alone) while
     * the machine's load alone made the node miss the deadline.
     */
    private static BudgetHold decidedByTheCluster(BudgetLedger ledger, SpendSubject key) throws Exception {
        BudgetHold hold = await(ledger.reserve(key, 0));
        for (int tries = 1; hold.local() && tries < 5; tries++) {
            Thread.sleep(ALONE_FOR.toMillis() + 200);
            hold = await(ledger.reserve(key, 0));
        }
        return hold;
    }

    @Test
    void a_counter_that_misses_the_deadline_costs_one_wait_then_the_node_keeps_to_its_share() throws Exception {
        BudgetLedger ledger =
                new BudgetLedger(vertx, first, Clock.systemUTC(), new LedgerOptions(DEADLINE, ALONE_FOR, false));
        SpendSubject key = budgeted(subjectOnSecond(), 1.0, null, 0.2);
        assertThat(decidedByTheCluster(ledger, key).local()).isFalse();

        CompletableFuture<Object> stalled = stall(key.id(), STALL);
        BudgetHold waited = await(ledger.reserve(key, 0.1));
        Future<BudgetHold> atOnce = ledger.reserve(key, 0.1);
        assertThat(atOnce.isComplete())
                .as("decided at once, without waiting for the cluster again")
                .isTrue();
        int admitted = (waited.admitted() ? 1 : 0) + (atOnce.result().admitted() ? 1 : 0);
        while (await(ledger.reserve(key, 0.1)).admitted()) {
            admitted++;
        }

        // 0.8 was left for two members: this node's share is 0.4, four calls of 0.1.
        assertThat(waited.local()).isTrue();
        assertThat(admitted).isEqualTo(4);
        stalled.get(10, TimeUnit.SECONDS);
        await(ledger.settle(key, waited, 0.1));
        Thread.sleep(ALONE_FOR.toMillis() + 200);

        BudgetHold again = decidedByTheCluster(ledger, key);
        assertThat(again.local()).as("the cluster decides again").isFalse();
        SpendState live = await(ledger.current(key.id())).orElseThrow();
        assertThat(live.spend()).as("the local call's cost reached the counter").isCloseTo(0.3, within(1e-9));
        assertThat(live.reserved())
                .as("the reservation that came back after its deadline was given back")
                .isCloseTo(0, within(1e-9));
    }

    @Test
    void failing_closed_refuses_the_calls_of_a_counter_that_does_not_answer() throws Exception {
        BudgetLedger ledger =
                new BudgetLedger(vertx, first, Clock.systemUTC(), new LedgerOptions(DEADLINE, ALONE_FOR, true));
        SpendSubject key = budgeted(subjectOnSecond(), 1.0, null, 0);

        CompletableFuture<Object> stalled = stall(key.id(), STALL);
        Throwable refused = ledger.reserve(key, 0.1)
                .toCompletionStage()
                .toCompletableFuture()
                .handle((hold, failure) -> failure)
                .get(10, TimeUnit.SECONDS);
        Future<BudgetHold> next = ledger.reserve(key, 0.1);

        assertThat(refused).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) refused).kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE);
        assertThat(next.failed())
                .as("refused at once while the counter is given up on")
                .isTrue();
        stalled.get(10, TimeUnit.SECONDS);
        Thread.sleep(ALONE_FOR.toMillis() + 200);
        assertThat(await(ledger.reserve(key, 0.1)).admitted()).isTrue();
    }
}
