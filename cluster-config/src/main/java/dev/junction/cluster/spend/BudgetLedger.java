package dev.junction.cluster.spend;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.state.WarningThrottle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend and budgets held for the whole cluster. A call on a subject with a {@code max_budget} reserves an
 * estimate before it starts, and every priced call settles its real cost when it ends, each one atomic operation
 * on the partition owning the subject's counter; a call is admitted only while settled spend plus reservations
 * stay under the budget, so concurrent calls overspend by at most what those in flight cost beyond their
 * estimates. The counters are what the store is written from ({@link LedgerWriter}).
 *
 * <p>No call waits on the cluster longer than the state deadline (3 s, as the routing state). When a counter
 * does not answer in time (its member frozen or cut off, a split cluster with a quorum configured), the subject
 * is decided on this node for a while: within its share of what was left ({@link LocalBudgets}), or not at all
 * when the budget must fail closed. A settlement that misses the deadline still reaches the counter once
 * Hazelcast hands the partition over.
 */
public final class BudgetLedger {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetLedger.class);
    /** How often settlements refused for want of a quorum are sent again. */
    private static final long RETRY_MILLIS = 1000;

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final IMap<String, SpendCounter> counters;
    /** This node's share in every counter: one id per process, whatever the member's id after a merge. */
    private final UUID share;

    private final Clock clock;
    private final LedgerOptions options;
    private final LocalBudgets local;
    private final WarningThrottle warnings = new WarningThrottle(Duration.ofSeconds(10));
    private final Settlements settlements;
    /**
     * The cluster's size at its last answer. A node deciding alone divides by it rather than by the members it
     * sees now: on the minority side of a split it sees only its own side.
     */
    private volatile int membersWhenAnswered;

    public BudgetLedger(Vertx vertx, HazelcastInstance hazelcast, Clock clock, LedgerOptions options) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.counters = hazelcast.getMap(SpendMap.NAME);
        this.share = DepartedShares.of(hazelcast);
        this.clock = clock;
        this.options = options;
        this.local = new LocalBudgets(options.localPeriod());
        this.settlements = new Settlements(counters, () -> SpendMap.quorumPresent(hazelcast));
        this.membersWhenAnswered = hazelcast.getCluster().getMembers().size();
        vertx.setPeriodic(RETRY_MILLIS, id -> settlements.retryRefused());
        hazelcast.getCluster().addMembershipListener(new DepartedShares(vertx, counters));
    }

    /**
     * Reserves {@code estimate} USD for a call on a subject with a budget; a subject without one is always
     * admitted and nothing is reserved. Fails only when the cluster does not answer and the budget fails closed.
     */
    public Future<BudgetHold> reserve(SpendSubject subject, double estimate) {
        if (subject.maxBudget() == null) {
            return Future.succeededFuture(new BudgetHold(true, new SpendState(subject.storedSpend(), 0, 0), 0, false));
        }
        if (local.decides(subject.id())) {
            return alone(subject, estimate);
        }
        CompletableFuture<Reservation> call = counters.submitToKey(
                        subject.id(),
                        new ReserveProcessor(
                                share,
                                subject.maxBudget(),
                                period(subject),
                                subject.storedSpend(),
                                subject.storedResetAtMillis(),
                                estimate,
                                clock.millis()))
                .toCompletableFuture();
        return withDeadline(call).transform(done -> {
            if (done.succeeded()) {
                Reservation reservation = done.result();
                answered(subject, reservation.state());
                double reserved = reservation.admitted() ? estimate : 0;
                return Future.succeededFuture(
                        new BudgetHold(reservation.admitted(), reservation.state(), reserved, false));
            }
            releaseIfAdmittedLate(call, subject, estimate);
            missed(subject, "reserve", done.cause());
            return alone(subject, estimate);
        });
    }

    /**
     * Settles a call on the node that admitted it: its reservation ({@code hold}, null for a subject without a
     * budget) is replaced with its cost. Completes when the counter answered or the deadline passed, never with a failure: a late
     * settlement still lands, and one that cannot is logged.
     */
    public Future<Void> settle(SpendSubject subject, BudgetHold hold, double cost) {
        boolean decidedHere = hold != null && hold.local();
        if (decidedHere) {
            local.settled(subject.id(), hold.reserved(), cost);
        }
        double reserved = hold == null || decidedHere ? 0 : hold.reserved();
        if (cost <= 0 && reserved <= 0) {
            return Future.succeededFuture();
        }
        CompletableFuture<SpendState> call = settlements.send(subject.id(), settleProcessor(subject, reserved, cost));
        boolean budgeted = subject.maxBudget() != null;
        return withDeadline(call).transform(done -> {
            if (done.succeeded() && budgeted) {
                answered(subject, done.result());
            } else if (done.failed() && budgeted && !decidedHere) {
                missed(subject, "settle", done.cause());
                local.settled(subject.id(), 0, cost);
            }
            return Future.succeededFuture();
        });
    }

    /** The cluster's live spend of a subject, when it has a counter and answers in time. */
    public Future<Optional<SpendState>> current(String subjectId) {
        return withDeadline(counters.getAsync(subjectId))
                .map(counter -> Optional.ofNullable(counter).map(SpendCounter::state))
                .otherwise(Optional.empty());
    }

    /**
     * An admin set a subject's spend (already written to the store): calls settled before no longer count.
     * {@code resetAtMillis} is the end of its budget period, 0 for none.
     */
    public Future<Void> setSpend(String subjectId, double spend, long resetAtMillis) {
        return Future.fromCompletionStage(
                        counters.submitToKey(subjectId, new SetSpendProcessor(spend, resetAtMillis)),
                        vertx.getOrCreateContext())
                .mapEmpty();
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

    /** Forgets a deleted subject's counter. */
    public Future<Void> forget(String subjectId) {
        return Future.fromCompletionStage(counters.removeAsync(subjectId), vertx.getOrCreateContext())
                .mapEmpty();
    }

    /** Waits (blocking) for the settlements sent so far to reach their counters: a leaving node calls it. */
    public void awaitSettled(Duration within) {
        settlements.await(within);
    }

    private Future<BudgetHold> alone(SpendSubject subject, double estimate) {
        if (options.failClosed()) {
            return Future.failedFuture(GatewayException.of(
                    ErrorKind.SERVICE_UNAVAILABLE,
                    "The budget could not be checked: the cluster did not answer in time"
                            + " (general_settings.budget_fail_mode: closed)"));
        }
        return Future.succeededFuture(local.reserve(subject, estimate, Math.max(members(), membersWhenAnswered)));
    }

    /** A reservation that came back after its deadline, when the call had been decided here: give it back. */
    private void releaseIfAdmittedLate(CompletableFuture<Reservation> call, SpendSubject subject, double estimate) {
        call.thenAccept(late -> {
            if (late.admitted() && estimate > 0) {
                settlements.send(subject.id(), settleProcessor(subject, estimate, 0));
            }
        });
    }

    private void missed(SpendSubject subject, String what, Throwable failure) {
        local.missed(subject, Math.max(members(), membersWhenAnswered));
        long misses = warnings.occurred();
        if (misses > 0) {
            LOG.warn(
                    "Budget counters failed or took over {} ms ({} call(s) since the last warning); {} for {} s."
                            + " Could not {}: {}",
                    options.deadline().toMillis(),
                    misses,
                    options.failClosed()
                            ? "refusing calls of the keys and teams concerned (budget_fail_mode: closed)"
                            : "keeping to this node's share of each budget concerned",
                    options.localPeriod().toSeconds(),
                    what,
                    failure.toString());
        }
    }

    private SettleProcessor settleProcessor(SpendSubject subject, double reserved, double cost) {
        return new SettleProcessor(
                share,
                reserved,
                cost,
                period(subject),
                subject.storedSpend(),
                subject.storedResetAtMillis(),
                clock.millis());
    }

    private void answered(SpendSubject subject, SpendState state) {
        membersWhenAnswered = members();
        local.answered(subject.id(), state);
    }

    private <T> Future<T> withDeadline(CompletionStage<T> call) {
        return Future.fromCompletionStage(call, vertx.getOrCreateContext())
                .timeout(options.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private int members() {
        return hazelcast.getCluster().getMembers().size();
    }

    private static long period(SpendSubject subject) {
        return subject.budgetDuration() == null ? 0 : subject.budgetDuration().toMillis();
    }
}
