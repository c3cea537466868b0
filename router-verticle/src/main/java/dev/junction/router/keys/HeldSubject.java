package dev.junction.router.keys;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.spend.BudgetHold;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.state.Admission;

/** What one call holds on one subject (its admission, its reserved estimate) until it ends. */
final class HeldSubject {
    final SpendSubject subject;
    Admission admission;
    /** The call's reservation on the subject's budget; null without a budget. */
    BudgetHold hold;

    private boolean ended;

    HeldSubject(SpendSubject subject) {
        this.subject = subject;
    }

    /** Frees the call's slot, corrects its token estimate and settles its cost; once, whatever calls it. */
    void end(
            SubjectLimits limits,
            BudgetLedger ledger,
            double cost,
            Usage usage,
            CallPricing.Estimate estimate,
            boolean success) {
        if (ended) {
            return;
        }
        ended = true;
        if (admission != null) {
            long correction = usage.totalTokens() > 0 ? usage.totalTokens() - estimate.promptTokens() : 0;
            limits.release(subject, admission, correction, success);
        }
        if (cost > 0 || hold != null) {
            // Never fails: a late settlement still lands, and the ledger logs one that cannot.
            ledger.settle(subject, hold, cost);
        }
    }
}
