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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster's spend written to a store by the members owning it, on real members: exactly once per call,
 * through a store outage and through the death of the member that was writing (last: it ends the cluster).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerWriterTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static Vertx vertx;
    private static List<HazelcastInstance> members;
    private final RecordingStore store = new RecordingStore();

    /** A store as the database behaves: each write applied at most once per subject and write id. */
    private static final class RecordingStore implements SpendStore {
        final Map<String, Double> spend = new HashMap<>();
        final Map<String, Long> resetAt = new HashMap<>();
        final Map<String, String> lastWrite = new HashMap<>();
        int transactions;
        int repeated;
        volatile boolean down;
        volatile Consumer<Collection<SpendWrite>> afterCommit = writes -> {};

        @Override
        public void write(Collection<SpendWrite> writes) {
            synchronized (this) {
                if (down) {
                    throw new IllegalStateException("database down");
                }
                transactions++;
                for (SpendWrite write : writes) {
                    if (write.writeId().equals(lastWrite.get(write.subjectId()))) {
                        repeated++;
                        continue;
                    }
                    lastWrite.put(write.subjectId(), write.writeId());
                    double before = write.reset() ? 0 : spend.getOrDefault(write.subjectId(), 0.0);
                    spend.put(write.subjectId(), before + write.amount());
                    if (write.reset()) {
                        resetAt.put(write.subjectId(), write.resetAtMillis());
                    }
                }
            }
            afterCommit.accept(writes);
        }

        synchronized double spendOf(String subjectId) {
            return spend.getOrDefault(subjectId, 0.0);
        }
    }

    @BeforeAll
    static void start() {
        members = new ArrayList<>(LoopbackMembers.start("ledger-writer", 2));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        members.forEach(member -> member.getLifecycleService().terminate());
        await(vertx.close());
    }

    private BudgetLedger ledger(HazelcastInstance member, ManualClock clock) {
        return new BudgetLedger(vertx, member, clock, LedgerOptions.defaults(false));
    }

    private LedgerWriter writer(HazelcastInstance member) {
        return new LedgerWriter(member, store, "test store", NEVER);
    }

    /** Settles {@code calls} calls of 0.01 from each member on each of {@code subjects} new keys. */
    private List<SpendSubject> settle(String name, int subjects, int calls, ManualClock clock) throws Exception {
        List<SpendSubject> settled = new ArrayList<>();
        List<BudgetLedger> ledgers =
                members.stream().map(member -> ledger(member, clock)).toList();
        for (int s = 0; s < subjects; s++) {
            SpendSubject subject = new SpendSubject("key:" + name + "-" + s, null, null, null, null, null, 0, 0);
            for (int i = 0; i < calls; i++) {
                for (BudgetLedger ledger : ledgers) {
                    await(ledger.settle(subject, null, 0.01));
                }
            }
            settled.add(subject);
        }
        return settled;
    }

    @Test
    @Order(1)
    void each_member_writes_the_spend_it_owns_once() throws Exception {
        List<SpendSubject> subjects = settle("once", 10, 2, new ManualClock());
        LedgerWriter firstWriter = writer(members.get(0));
        LedgerWriter secondWriter = writer(members.get(1));

        assertThat(firstWriter.flush()).isTrue();
        assertThat(secondWriter.flush()).isTrue();
        assertThat(firstWriter.flush()).isTrue();

        for (SpendSubject subject : subjects) {
            assertThat(store.spendOf(subject.id())).as(subject.id()).isCloseTo(0.04, within(1e-9));
        }
        assertThat(store.transactions)
                .as("one per member; nothing left to write after")
                .isEqualTo(2);
        firstWriter.close();
        secondWriter.close();
    }

    @Test
    @Order(4)
    void a_write_whose_member_died_before_confirming_it_is_repeated_by_the_next_owner_and_applied_once()
            throws Exception {
        List<SpendSubject> subjects = settle("dying", 10, 2, new ManualClock());
        HazelcastInstance dying = members.get(0);
        LedgerWriter dyingWriter = writer(dying);
        // The database commits, then the member dies before it can mark the counters written.
        store.afterCommit = writes -> dying.getLifecycleService().terminate();
        dyingWriter.flush();
        store.afterCommit = writes -> {};
        int written = store.transactions;
        HazelcastInstance next = members.get(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((next.getCluster().getMembers().size() > 1
                        || !next.getPartitionService().isClusterSafe())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        LedgerWriter survivor = writer(next);
        assertThat(survivor.flush()).isTrue();

        for (SpendSubject subject : subjects) {
            assertThat(store.spendOf(subject.id())).as(subject.id()).isCloseTo(0.04, within(1e-9));
        }
        assertThat(written).isEqualTo(1);
        assertThat(store.repeated)
                .as("the dead member's writes came again, and were skipped")
                .isPositive();
        dyingWriter.close();
        survivor.close();
    }

    @Test
    @Order(2)
    void spend_settled_while_the_store_is_down_is_written_once_it_is_back() throws Exception {
        store.down = true;
        List<SpendSubject> subjects = settle("outage", 3, 2, new ManualClock());
        LedgerWriter writer = writer(members.get(0));
        LedgerWriter other = writer(members.get(1));
        writer.flush();
        other.flush();
        for (SpendSubject subject : subjects) {
            assertThat(store.spendOf(subject.id())).isZero();
        }

        store.down = false;
        assertThat(writer.flush()).isTrue();
        assertThat(other.flush()).isTrue();

        for (SpendSubject subject : subjects) {
            assertThat(store.spendOf(subject.id())).isCloseTo(0.04, within(1e-9));
        }
        writer.close();
        other.close();
    }

    @Test
    @Order(3)
    void a_new_budget_period_is_written_as_a_reset_with_what_was_spent_in_it() throws Exception {
        ManualClock clock = new ManualClock();
        BudgetLedger ledger = ledger(members.get(0), clock);
        SpendSubject key = budgeted("key:writer-periodic", 10, Duration.ofHours(1), 0);
        await(ledger.settle(key, await(ledger.reserve(key, 0)), 2.0));
        LedgerWriter first = writer(members.get(0));
        LedgerWriter second = writer(members.get(1));
        first.flush();
        second.flush();
        assertThat(store.spendOf(key.id())).isEqualTo(2.0);

        clock.advance(Duration.ofMinutes(61));
        BudgetHold renewed = await(ledger.reserve(key, 0));
        await(ledger.settle(key, renewed, 0.5));
        first.flush();
        second.flush();

        assertThat(store.spendOf(key.id())).isEqualTo(0.5);
        assertThat(store.resetAt.get(key.id())).isEqualTo(renewed.state().resetAtMillis());
        first.close();
        second.close();
    }
}
