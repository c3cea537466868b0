package dev.junction.router.keys;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.state.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one call holds on one subject (its admission, its reserved estimate) until it ends. */
final class HeldSubject {
    private static final Logger LOG = LoggerFactory.getLogger(HeldSubject.class);

    final SpendSubject subject;
    Admission admission;
    double reserved;
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
        if (cost > 0 || reserved > 0) {
            ledger.settle(subject, reserved, cost)
                    .onFailure(trouble -> LOG.warn(
                            "Could not settle the spend of a {}: {}",
                            subject.label().split(" ")[0],
                            trouble.toString()));
        }
    }
}
