package dev.junction.cluster.spend;

import dev.junction.cluster.bus.SpendSubject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budgets this node decides alone while the cluster does not answer for a subject (fail open). From the
 * subject's spend at the cluster's last answer, the node admits a call while it fits, with what the node spent
 * and reserved since, in its share of what was left, (budget - spend - reserved) / members, so that the nodes
 * deciding alone together stay within the budget (calls beyond their estimates aside), as each node keeps to
 * its share of an rpm limit. After a missed deadline a
 * subject is decided here for a while before the cluster is asked again; what the node counted alone is kept
 * until the cluster answers.
 */
final class LocalBudgets {
    private final long periodNanos;
    /** The cluster's last answer per budgeted subject: where a decision alone starts from. */
    private final Map<String, SpendState> lastAnswers = new ConcurrentHashMap<>();

    private final Map<String, Alone> alone = new ConcurrentHashMap<>();

    /** What this node counted for one subject since the cluster last answered. */
    private static final class Alone {
        final SpendState known;
        final int members;
        volatile long untilNanos;
        double spent;
        double reserved;

        Alone(SpendState known, int members) {
            this.known = known;
            this.members = Math.max(1, members);
        }
    }

    LocalBudgets(Duration period) {
        this.periodNanos = period.toNanos();
    }

    /** Whether the subject is decided here for now, without asking the cluster. */
    boolean decides(String subjectId) {
        Alone counted = alone.get(subjectId);
        return counted != null && System.nanoTime() - counted.untilNanos < 0;
    }

    /** The cluster answered for the subject: it decides again, from this state. */
    void answered(String subjectId, SpendState state) {
        lastAnswers.put(subjectId, state);
        alone.remove(subjectId);
    }

    /** The cluster missed a deadline for the subject: decide it here for a while. */
    void missed(SpendSubject subject, int members) {
        long until = System.nanoTime() + periodNanos;
        alone.compute(subject.id(), (id, counted) -> {
            Alone kept = counted != null ? counted : new Alone(known(subject), members);
            kept.untilNanos = until;
            return kept;
        });
    }

    private SpendState known(SpendSubject subject) {
        return lastAnswers.getOrDefault(subject.id(), new SpendState(subject.storedSpend(), 0, 0));
    }

    BudgetHold reserve(SpendSubject subject, double estimate, int members) {
        Alone counted = alone.computeIfAbsent(subject.id(), id -> new Alone(known(subject), members));
        synchronized (counted) {
            SpendState known = counted.known;
            double left = subject.maxBudget() - known.spend() - known.reserved();
            double share = Math.max(0, left) / counted.members;
            // Stricter than the cluster's rule (spend under the budget): the call's estimate must fit in the share,
            // so that the nodes deciding alone do not each overshoot theirs by a call.
            boolean admitted = counted.spent + counted.reserved + estimate < share + SpendCounter.ROUNDING
                    && counted.spent + counted.reserved + SpendCounter.ROUNDING < share;
            if (admitted) {
                counted.reserved += estimate;
            }
            SpendState now = new SpendState(
                    known.spend() + counted.spent, known.reserved() + counted.reserved, known.resetAtMillis());
            return new BudgetHold(admitted, now, admitted ? estimate : 0, true);
        }
    }

    /** A call ended while the subject is decided here: its cost counts against this node's share. */
    void settled(String subjectId, double reservedHere, double cost) {
        Alone counted = alone.get(subjectId);
        if (counted == null) {
            return;
        }
        synchronized (counted) {
            counted.reserved = Math.max(0, counted.reserved - reservedHere);
            counted.spent += cost;
        }
    }
}
