package dev.junction.cluster.spend;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A key's or team's spend as the cluster holds it, and the part of it not yet in the store. Only ever changed
 * inside entry processors on the partition that owns it, so reservations and settlements from every node are
 * atomic, and its backup holds the same (a member's death loses nothing).
 *
 * <p>The spend is a base (what the store held when the counter started, or what an admin set) plus one share
 * per member that settled calls: each member only adds to its own share, so after a split brain the merge can
 * add what both sides spent instead of keeping one side's total ({@link #merged}).
 */
final class SpendCounter {
    /** Sums of binary costs drift (ten 0.1s make 0.9999...): spend within a nano-dollar of a limit is at it. */
    static final double ROUNDING = 1e-9;

    /**
     * Past this many shares (every member restart adds one), shares fully written and with nothing in flight
     * are folded into the base. A fold during a split brain makes that merge count those shares twice (errs high).
     */
    static final int FOLD_ABOVE = 32;

    /** When the current budget period ends (epoch millis), or 0 when the spend never resets. */
    long resetAtMillis;

    /** Bumped when an admin sets the spend outright: the merge then keeps the side that did. */
    long generation;

    /** Spend already in the store (the seed, an admin's value, folded shares). */
    double base;

    /** A new budget period began and the store still holds the old period's spend. */
    boolean resetUnwritten;

    final Map<UUID, MemberShare> shares = new HashMap<>();

    /** The write to the store on its way, or null. */
    PendingWrite writing;

    static SpendCounter seeded(double storedSpend, long storedResetAtMillis) {
        SpendCounter counter = new SpendCounter();
        counter.base = storedSpend;
        counter.resetAtMillis = storedResetAtMillis;
        return counter;
    }

    double spend() {
        double spend = base;
        for (MemberShare share : shares.values()) {
            spend += share.spend;
        }
        return spend;
    }

    double reserved() {
        double reserved = 0;
        for (MemberShare share : shares.values()) {
            reserved += share.reserved;
        }
        return reserved;
    }

    boolean admits(double maxBudget) {
        return spend() + reserved() + ROUNDING < maxBudget;
    }

    void reserve(UUID member, double usd) {
        MemberShare share = shares.computeIfAbsent(member, id -> new MemberShare());
        share.reserved += usd;
        share.version++;
    }

    void settle(UUID member, double reserved, double cost) {
        MemberShare share = shares.computeIfAbsent(member, id -> new MemberShare());
        share.reserved = Math.max(0, share.reserved - reserved);
        share.spend += cost;
        share.version++;
        foldIfCrowded();
    }

    /** Drops what a departed member had reserved; true when it had anything in flight. */
    boolean release(UUID member) {
        MemberShare share = shares.get(member);
        if (share == null || share.reserved == 0) {
            return false;
        }
        share.reserved = 0;
        return true;
    }

    /**
     * Starts a new budget period when the current one is over: spend back to 0, the end moved on by whole
     * periods. True when it did. Reservations stay: their calls are still running.
     */
    boolean rollOver(long nowMillis, long periodMillis) {
        if (periodMillis <= 0) {
            resetAtMillis = 0;
            return false;
        }
        if (resetAtMillis == 0) {
            resetAtMillis = nowMillis + periodMillis;
            return false;
        }
        if (nowMillis < resetAtMillis) {
            return false;
        }
        long periods = (nowMillis - resetAtMillis) / periodMillis + 1;
        resetAtMillis += periods * periodMillis;
        clearSpend(0);
        resetUnwritten = true;
        return true;
    }

    /**
     * An admin set the spend (and wrote it to the store): calls settled before it no longer count. The value is
     * written again, as a reset, after the write already on its way: that write may reach the store after the
     * admin's, and would otherwise add the old calls back on top of the new value.
     */
    void set(double spend) {
        clearSpend(spend);
        generation++;
        resetUnwritten = true;
    }

    private void clearSpend(double newBase) {
        base = newBase;
        for (MemberShare share : shares.values()) {
            share.spend = 0;
            share.written = 0;
        }
    }

    /** The write to make now (the one on its way, again, if it never came back), or null when all is stored. */
    PendingWrite takeWrite(String writeId) {
        if (writing != null) {
            return writing;
        }
        // After a reset the store starts again from the base: 0 for a new period, the value an admin set.
        double amount = resetUnwritten ? base : 0;
        Map<UUID, Double> upTo = new HashMap<>();
        for (Map.Entry<UUID, MemberShare> entry : shares.entrySet()) {
            MemberShare share = entry.getValue();
            if (share.spend > share.written) {
                amount += share.spend - share.written;
                upTo.put(entry.getKey(), share.spend);
            }
        }
        if (upTo.isEmpty() && !resetUnwritten) {
            return null;
        }
        writing = new PendingWrite(writeId, amount, resetUnwritten, resetAtMillis, generation, upTo);
        return writing;
    }

    /** The store confirmed a write. True when it was the one on its way. */
    boolean written(String writeId) {
        if (writing == null || !writing.writeId().equals(writeId)) {
            return false;
        }
        // A write of an earlier period or generation only leaves: its amounts no longer count here.
        if (writing.generation() == generation && writing.resetAtMillis() == resetAtMillis) {
            writing.upTo().forEach((member, upTo) -> {
                MemberShare share = shares.get(member);
                if (share != null) {
                    share.written = Math.min(share.spend, Math.max(share.written, upTo));
                }
            });
            if (writing.reset()) {
                resetUnwritten = false;
            }
        }
        writing = null;
        return true;
    }

    private void foldIfCrowded() {
        if (shares.size() <= FOLD_ABOVE) {
            return;
        }
        shares.values().removeIf(share -> {
            boolean settled = share.reserved == 0 && share.spend == share.written;
            if (settled) {
                base += share.spend;
            }
            return settled;
        });
    }

    SpendState state() {
        return new SpendState(spend(), reserved(), resetAtMillis);
    }

    /**
     * The counter after a split brain heals. A later budget period wins whole (the other side's spend belongs to
     * a period that is over), then an admin's newer value; within the same period and value each member's newest
     * share is kept, so the spend of both sides adds up and nothing settled before the split counts twice.
     */
    static SpendCounter merged(SpendCounter existing, SpendCounter merging) {
        if (existing.resetAtMillis != merging.resetAtMillis) {
            return existing.resetAtMillis > merging.resetAtMillis ? existing : merging;
        }
        if (existing.generation != merging.generation) {
            return existing.generation > merging.generation ? existing : merging;
        }
        SpendCounter result = new SpendCounter();
        result.resetAtMillis = existing.resetAtMillis;
        result.generation = existing.generation;
        result.base = Math.max(existing.base, merging.base);
        // A reset either side wrote is in the store; writing it again would wipe what was added since.
        result.resetUnwritten = existing.resetUnwritten && merging.resetUnwritten;
        result.writing = existing.writing != null ? existing.writing : merging.writing;
        existing.shares.forEach((member, share) -> result.shares.put(member, share.copy()));
        merging.shares.forEach((member, theirs) -> result.shares.merge(member, theirs.copy(), SpendCounter::newer));
        return result;
    }

    private static MemberShare newer(MemberShare ours, MemberShare theirs) {
        MemberShare kept = theirs.version > ours.version ? theirs : ours;
        kept.written = Math.min(kept.spend, Math.max(ours.written, theirs.written));
        return kept;
    }
}
