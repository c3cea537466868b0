package dev.junction.cluster.spend;

import static dev.junction.cluster.spend.BudgetLedgerTest.await;
import static dev.junction.cluster.spend.BudgetLedgerTest.budgeted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.LoopbackMembers;
import dev.junction.cluster.state.ManualClock;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A member killed with calls in flight no longer holds their reservations against the budget. */
class DepartedSharesTest {
    private static final ManualClock CLOCK = new ManualClock();
    private static Vertx vertx;
    private static List<HazelcastInstance> members;

    @BeforeAll
    static void start() {
        members = LoopbackMembers.start("departed", 3);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        members.forEach(member -> member.getLifecycleService().terminate());
        await(vertx.close());
    }

    @Test
    void a_killed_members_reservations_are_released_and_its_settled_spend_kept() throws Exception {
        BudgetLedger survivor = new BudgetLedger(vertx, members.get(0), CLOCK, LedgerOptions.defaults(false));
        BudgetLedger doomed = new BudgetLedger(vertx, members.get(2), CLOCK, LedgerOptions.defaults(false));
        SpendSubject key = budgeted("key:departed", 1.0, null, 0);

        BudgetHold settledThere = await(doomed.reserve(key, 0.1));
        await(doomed.settle(key, settledThere, 0.1));
        assertThat(await(doomed.reserve(key, 0.5)).admitted()).isTrue();
        assertThat(await(survivor.reserve(key, 0.4)).admitted()).isTrue();
        assertThat(await(survivor.reserve(key, 0.1)).admitted())
                .as("0.1 spent and 0.9 reserved fill the budget")
                .isFalse();

        members.get(2).getLifecycleService().terminate();

        SpendState state = awaitReserved(survivor, key.id(), 0.4);
        assertThat(state.spend()).isCloseTo(0.1, within(1e-9));
        assertThat(await(survivor.reserve(key, 0.4)).admitted()).isTrue();
    }

    private static SpendState awaitReserved(BudgetLedger ledger, String id, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        SpendState state = await(ledger.current(id)).orElseThrow();
        while (Math.abs(state.reserved() - expected) > 1e-9 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            state = await(ledger.current(id)).orElseThrow();
        }
        assertThat(state.reserved()).as("reserved after the member left").isCloseTo(expected, within(1e-9));
        return state;
    }
}
