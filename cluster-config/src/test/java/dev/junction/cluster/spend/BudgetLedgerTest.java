package dev.junction.cluster.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.node.LoopbackMembers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Budgets on two real cluster members: reservations from both nodes count against one budget. */
class BudgetLedgerTest {
    private static Vertx vertx;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static final AtomicLong now =
            new AtomicLong(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private static final Map<String, Double> persisted = new ConcurrentHashMap<>();
    private static final Map<String, Instant> resets = new ConcurrentHashMap<>();
    private static final SpendSink SINK = new SpendSink() {
        @Override
        public void add(String subjectId, double usd) {
            persisted.merge(subjectId, usd, Double::sum);
        }

        @Override
        public void reset(String subjectId, Instant nextResetAt) {
            resets.put(subjectId, nextResetAt);
        }
    };

    @BeforeAll
    static void start() {
        List<HazelcastInstance> members = LoopbackMembers.start("ledger", 2);
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

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static SpendSubject budgeted(String id, double maxBudget, Duration period, double storedSpend) {
        return new SpendSubject(id, null, null, null, maxBudget, period, storedSpend, 0);
    }

    @Test
    void concurrent_calls_from_two_nodes_overspend_by_at_most_what_is_in_flight() throws Exception {
        BudgetLedger onFirst = new BudgetLedger(vertx, first, SINK, CLOCK);
        BudgetLedger onSecond = new BudgetLedger(vertx, second, SINK, CLOCK);
        SpendSubject key = budgeted("key:concurrent", 1.0, null, 0);
        double estimate = 0.1;
        List<Future<Reservation>> reservations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reservations.add((i % 2 == 0 ? onFirst : onSecond).reserve(key, estimate));
        }
        await(Future.join(reservations));
        long admitted = reservations.stream().filter(r -> r.result().admitted()).count();
        // Spend + reservations must stay under 1.0 when each is admitted: exactly 10 reservations of 0.1 fit.
        assertThat(admitted).isEqualTo(10);

        // Each admitted call cost a little more than its estimate: the overspend is that excess, no more.
        for (int i = 0; i < admitted; i++) {
            await(onFirst.settle(key, estimate, 0.12));
        }
        SpendState after = await(onSecond.current("key:concurrent")).orElseThrow();
        assertThat(after.reserved()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(after.spend()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(await(onSecond.reserve(key, estimate)).admitted()).isFalse();
        assertThat(persisted.get("key:concurrent")).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_new_counter_starts_from_the_persisted_spend() throws Exception {
        BudgetLedger ledger = new BudgetLedger(vertx, first, SINK, CLOCK);
        SpendSubject team = budgeted("team:seeded", 5.0, null, 4.99);
        Reservation first = await(ledger.reserve(team, 0));
        assertThat(first.admitted()).isTrue();
        assertThat(first.state().spend()).isEqualTo(4.99);
        await(ledger.settle(team, 0, 0.02));
        assertThat(await(ledger.reserve(team, 0)).admitted()).isFalse();
    }

    @Test
    void the_spend_resets_when_the_budget_period_ends() throws Exception {
        BudgetLedger ledger = new BudgetLedger(vertx, second, SINK, CLOCK);
        SpendSubject key = budgeted("key:periodic", 1.0, Duration.ofHours(1), 0);
        assertThat(await(ledger.reserve(key, 0)).admitted()).isTrue();
        await(ledger.settle(key, 0, 1.5));
        assertThat(await(ledger.reserve(key, 0)).admitted()).isFalse();

        now.addAndGet(Duration.ofMinutes(61).toMillis());
        Reservation afterPeriod = await(ledger.reserve(key, 0));
        assertThat(afterPeriod.admitted()).isTrue();
        assertThat(afterPeriod.periodReset()).isTrue();
        assertThat(afterPeriod.state().spend()).isZero();
        assertThat(resets.get("key:periodic"))
                .isEqualTo(Instant.ofEpochMilli(afterPeriod.state().resetAtMillis()));
        assertThat(afterPeriod.state().resetAtMillis()).isGreaterThan(now.get());
    }

    @Test
    void subjects_without_a_budget_are_never_refused_and_still_record_spend() throws Exception {
        BudgetLedger ledger = new BudgetLedger(vertx, first, SINK, CLOCK);
        SpendSubject free = new SpendSubject("key:free", null, null, null, null, null, 3.0, 0);
        assertThat(await(ledger.reserve(free, 100)).admitted()).isTrue();
        await(ledger.settle(free, 0, 0.25));
        assertThat(persisted.get("key:free")).isEqualTo(0.25);
        assertThat(await(ledger.current("key:free"))).isEmpty();
    }

    @Test
    void forgetting_a_counter_reseeds_it_from_the_store() throws Exception {
        BudgetLedger ledger = new BudgetLedger(vertx, first, SINK, CLOCK);
        SpendSubject key = budgeted("key:forgotten", 1.0, null, 0);
        await(ledger.reserve(key, 0));
        await(ledger.settle(key, 0, 2.0));
        assertThat(await(ledger.reserve(key, 0)).admitted()).isFalse();
        await(ledger.forget("key:forgotten"));
        assertThat(await(ledger.reserve(budgeted("key:forgotten", 1.0, null, 0.5), 0))
                        .admitted())
                .isTrue();
    }
}
