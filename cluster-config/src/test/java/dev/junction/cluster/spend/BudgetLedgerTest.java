package dev.junction.cluster.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.LoopbackMembers;
import dev.junction.cluster.state.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Budgets on two real cluster members: reservations and settlements from both nodes count against one budget. */
class BudgetLedgerTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static Vertx vertx;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static BudgetLedger onFirst;
    private static BudgetLedger onSecond;

    @BeforeAll
    static void start() {
        List<HazelcastInstance> members = LoopbackMembers.start("ledger", 2);
        first = members.get(0);
        second = members.get(1);
        vertx = Vertx.vertx();
        onFirst = new BudgetLedger(vertx, first, CLOCK, LedgerOptions.defaults(false));
        onSecond = new BudgetLedger(vertx, second, CLOCK, LedgerOptions.defaults(false));
    }

    @AfterAll
    static void stop() throws Exception {
        second.shutdown();
        first.shutdown();
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static SpendSubject budgeted(String id, double maxBudget, Duration period, double storedSpend) {
        return new SpendSubject(id, null, null, null, maxBudget, period, storedSpend, 0);
    }

    /** Calls alternate between the nodes; a call settles on the node it was admitted on. */
    private static BudgetLedger node(int call) {
        return call % 2 == 0 ? onFirst : onSecond;
    }

    private static SpendState live(String id) throws Exception {
        return await(onSecond.current(id)).orElseThrow();
    }

    @Test
    void concurrent_calls_from_two_nodes_overspend_by_at_most_what_is_in_flight() throws Exception {
        SpendSubject key = budgeted("key:concurrent", 1.0, null, 0);
        double estimate = 0.1;
        List<Future<BudgetHold>> holds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            holds.add(node(i).reserve(key, estimate));
        }
        await(Future.join(holds));
        // Spend + reservations must stay under 1.0 when each is admitted: exactly 10 reservations of 0.1 fit.
        assertThat(holds.stream().filter(hold -> hold.result().admitted())).hasSize(10);

        // Each admitted call cost a little more than its estimate: the overspend is that excess, no more.
        for (int i = 0; i < holds.size(); i++) {
            BudgetHold hold = holds.get(i).result();
            if (hold.admitted()) {
                assertThat(hold.local()).isFalse();
                await(node(i).settle(key, hold, 0.12));
            }
        }
        assertThat(live("key:concurrent").reserved()).isCloseTo(0, within(1e-9));
        assertThat(live("key:concurrent").spend()).isCloseTo(1.2, within(1e-9));
        assertThat(await(onSecond.reserve(key, estimate)).admitted()).isFalse();
    }

    @Test
    void a_new_counter_starts_from_the_persisted_spend() throws Exception {
        SpendSubject team = budgeted("team:seeded", 5.0, null, 4.99);
        BudgetHold hold = await(onFirst.reserve(team, 0));
        assertThat(hold.admitted()).isTrue();
        assertThat(hold.state().spend()).isEqualTo(4.99);
        await(onFirst.settle(team, hold, 0.02));
        assertThat(await(onFirst.reserve(team, 0)).admitted()).isFalse();
    }

    @Test
    void the_spend_resets_when_the_budget_period_ends() throws Exception {
        SpendSubject key = budgeted("key:periodic", 1.0, Duration.ofHours(1), 0);
        BudgetHold hold = await(onSecond.reserve(key, 0));
        await(onSecond.settle(key, hold, 1.5));
        assertThat(await(onSecond.reserve(key, 0)).admitted()).isFalse();

        CLOCK.advance(Duration.ofMinutes(61));
        BudgetHold afterPeriod = await(onSecond.reserve(key, 0));
        assertThat(afterPeriod.admitted()).isTrue();
        assertThat(afterPeriod.state().spend()).isZero();
        assertThat(afterPeriod.state().resetAtMillis()).isGreaterThan(CLOCK.millis());
    }

    @Test
    void subjects_without_a_budget_are_never_refused_and_their_spend_is_counted_in_the_cluster() throws Exception {
        SpendSubject free = new SpendSubject("key:free", null, null, null, null, null, 3.0, 0);
        BudgetHold hold = await(onFirst.reserve(free, 100));
        assertThat(hold.admitted()).isTrue();
        await(onFirst.settle(free, hold, 0.25));
        await(onSecond.settle(free, null, 0.5));
        assertThat(live("key:free").spend()).isEqualTo(3.75);
    }

    @Test
    void a_spend_set_by_an_admin_replaces_what_was_settled_and_calls_still_running_add_to_it() throws Exception {
        SpendSubject key = budgeted("key:set", 1.0, null, 0);
        BudgetHold running = await(onFirst.reserve(key, 0.1));
        await(onSecond.settle(key, await(onSecond.reserve(key, 0)), 2.0));
        assertThat(await(onFirst.reserve(key, 0)).admitted()).isFalse();

        await(onSecond.setSpend("key:set", 0.5, 0));
        await(onFirst.settle(key, running, 0.05));

        assertThat(live("key:set").spend()).isCloseTo(0.55, within(1e-9));
        assertThat(live("key:set").reserved()).isZero();
        assertThat(await(onFirst.reserve(key, 0)).admitted()).isTrue();
    }

    @Test
    void a_forgotten_counter_starts_again_from_the_store() throws Exception {
        SpendSubject key = budgeted("key:forgotten", 1.0, null, 0);
        await(onFirst.settle(key, await(onFirst.reserve(key, 0)), 2.0));
        assertThat(await(onFirst.reserve(key, 0)).admitted()).isFalse();
        await(onFirst.forget("key:forgotten"));
        assertThat(await(onFirst.reserve(budgeted("key:forgotten", 1.0, null, 0.5), 0))
                        .admitted())
                .isTrue();
    }
}
