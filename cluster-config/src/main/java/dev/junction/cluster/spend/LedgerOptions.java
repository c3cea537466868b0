package dev.junction.cluster.spend;

import dev.junction.cluster.state.FailOpenRoutingState;
import java.time.Duration;
import java.util.Objects;

/**
 * How the budget ledger copes with a cluster that does not answer.
 *
 * @param deadline the longest a call waits on a counter (the state deadline of the routing state too)
 * @param localPeriod how long a subject whose counter missed the deadline is decided on the node alone
 * @param failClosed refuse the calls of such a subject instead of admitting them within the node's share ({@code
 *     general_settings.budget_fail_mode: closed})
 */
public record LedgerOptions(Duration deadline, Duration localPeriod, boolean failClosed) {
    /** The routing state's deadline: no call waits on the cluster longer, whatever it waits for. */
    public static final Duration DEFAULT_DEADLINE = FailOpenRoutingState.DEFAULT_TIMEOUT;

    public static final Duration DEFAULT_LOCAL_PERIOD = FailOpenRoutingState.DEFAULT_LOCAL_PERIOD;

    public LedgerOptions {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(localPeriod, "localPeriod");
    }

    public static LedgerOptions defaults(boolean failClosed) {
        return new LedgerOptions(DEFAULT_DEADLINE, DEFAULT_LOCAL_PERIOD, failClosed);
    }
}
