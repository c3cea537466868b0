package dev.junction.cluster.spend;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.cluster.bus.SpendSubject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Budgets held for the whole cluster. A call on a subject with a {@code max_budget} reserves an estimate
 * before it starts and settles with its real cost when it ends, each one atomic operation on the partition
 * owning the subject; a call is admitted only while settled spend plus reservations stay under the budget, so
 * concurrent calls overspend by at most what those in flight cost beyond their estimates. Every settled cost
 * (budgeted or not) also goes to the {@link SpendSink} to be persisted.
 */
public final class BudgetLedger {
    static final String SPEND_MAP = "junction.spend";

    private final Vertx vertx;
    private final IMap<String, SpendCounter> counters;
    private final SpendSink sink;
    private final Clock clock;

    public BudgetLedger(Vertx vertx, HazelcastInstance hazelcast, SpendSink sink, Clock clock) {
        this.vertx = vertx;
        this.counters = hazelcast.getMap(SPEND_MAP);
        this.sink = sink;
        this.clock = clock;
    }

    /** The cluster map holding the counters: one backup, so a member's death loses no spend. */
    public static MapConfig mapConfig() {
        return new MapConfig(SPEND_MAP).setBackupCount(1);
    }

    /**
     * Reserves {@code estimate} USD for a call on a subject with a budget; a subject without one is always
     * admitted and nothing is reserved.
     */
    public Future<Reservation> reserve(SpendSubject subject, double estimate) {
        if (subject.maxBudget() == null) {
            return Future.succeededFuture(new Reservation(true, new SpendState(subject.storedSpend(), 0, 0), false));
        }
        long period =
                subject.budgetDuration() == null ? 0 : subject.budgetDuration().toMillis();
        ReserveProcessor reserve = new ReserveProcessor(
                subject.maxBudget(),
                period,
                subject.storedSpend(),
                subject.storedResetAtMillis(),
                estimate,
                clock.millis());
        return Future.fromCompletionStage(counters.submitToKey(subject.id(), reserve), vertx.getOrCreateContext())
                .onSuccess(reservation -> {
                    if (reservation.periodReset()) {
                        sink.reset(
                                subject.id(),
                                Instant.ofEpochMilli(reservation.state().resetAtMillis()));
                    }
                });
    }

    /** Settles a call: its reservation (0 for a subject without a budget) is replaced with its cost. */
    public Future<Void> settle(SpendSubject subject, double reserved, double cost) {
        if (cost > 0) {
            sink.add(subject.id(), cost);
        }
        if (subject.maxBudget() == null) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(
                        counters.submitToKey(subject.id(), new SettleProcessor(reserved, cost)),
                        vertx.getOrCreateContext())
                .mapEmpty();
    }

    /** The cluster's live spend of a subject, when it has a budget counter. */
    public Future<Optional<SpendState>> current(String subjectId) {
        return Future.fromCompletionStage(counters.getAsync(subjectId), vertx.getOrCreateContext())
                .map(counter -> Optional.ofNullable(counter).map(SpendCounter::state));
    }

    /**
     * Every subject's live spend, read from the whole cluster map: for metrics, never the request path.
     * Blocking; call it on a worker.
     */
    public java.util.Map<String, SpendState> all() {
        java.util.Map<String, SpendState> states = new java.util.HashMap<>();
        counters.entrySet()
                .forEach(entry -> states.put(entry.getKey(), entry.getValue().state()));
        return states;
    }

    /**
     * Forgets a subject's counter (deleted, or its spend set outright): the next call starts again from the
     * persisted spend.
     */
    public Future<Void> forget(String subjectId) {
        return Future.fromCompletionStage(counters.removeAsync(subjectId), vertx.getOrCreateContext())
                .mapEmpty();
    }
}
