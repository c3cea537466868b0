package dev.junction.cluster.state;

/**
 * One node's view of one deployment: the cluster's counters as of the last exchange, plus the changes this
 * node made since (one batch on its way to the cluster, one still collecting). Decisions read the sum, so
 * a node always counts its own calls at once and the other nodes' within one sync interval.
 */
final class LocalView {
    private static final UsageDelta EMPTY_DELTA = new UsageDelta();

    /** When this node last admitted, completed or read a call here (epoch millis). */
    volatile long lastUsedMillis;

    private long pushes;

    private UsageSnapshot cluster = UsageSnapshot.EMPTY;
    private UsageDelta sent;
    private UsageDelta pending = new UsageDelta();
    private long ownWindow;
    private long ownRequests;

    Admission admit(long window, long rpmLimit, long tpmLimit, long tokens, boolean degraded, int members) {
        boolean fits;
        Parts parts;
        synchronized (this) {
            fits = tryAdmit(window, rpmLimit, tpmLimit, tokens, degraded, members);
            parts = parts(window);
        }
        return new Admission(fits, parts.merged());
    }

    private boolean tryAdmit(long window, long rpmLimit, long tpmLimit, long tokens, boolean degraded, int members) {
        roll(window);
        UsageSnapshot base = cluster.in(window);
        boolean fits = requestsSeen(base, window) + 1 <= rpmLimit
                && (tokens == 0 || tokensSeen(base, window) + tokens <= tpmLimit);
        if (fits && degraded && rpmLimit != Long.MAX_VALUE) {
            // Cut off from the cluster: keep to this node's share so that N nodes together stay near the limit.
            fits = ownRequests + 1 <= Math.max(1, rpmLimit / Math.max(1, members));
        }
        if (fits) {
            pending.requests++;
            pending.tokens += tokens;
            pending.inFlight++;
            ownRequests++;
        }
        return fits;
    }

    UsageSnapshot complete(long window, CallOutcome outcome) {
        Parts parts;
        synchronized (this) {
            count(window, outcome);
            parts = parts(window);
        }
        return parts.merged();
    }

    private void count(long window, CallOutcome outcome) {
        roll(window);
        if (outcome.admitted()) {
            pending.inFlight--;
            if (outcome.admittedWindow() == window) {
                pending.tokens += outcome.tokenCorrection();
            }
        }
        pending.maxSamples = outcome.maxSamples();
        if (outcome.judged()) {
            if (outcome.success()) {
                pending.successes++;
            } else {
                pending.legacyWindowMillis = outcome.legacyFailWindowMillis();
                pending.failure(outcome.endedAtMillis());
            }
        }
        if (outcome.latencySeconds() != null) {
            pending.latency(outcome.latencySeconds(), outcome.endedAtMillis());
        }
        if (outcome.firstTokenSeconds() != null) {
            pending.firstToken(outcome.firstTokenSeconds(), outcome.endedAtMillis());
        }
    }

    UsageSnapshot snapshot(long window) {
        Parts parts;
        synchronized (this) {
            roll(window);
            parts = parts(window);
        }
        return parts.merged();
    }

    /** The batch to push now, or null when one is still on its way or nothing changed. */
    synchronized UsageDelta takeBatch(long window) {
        roll(window);
        if (sent != null || pending.isEmpty()) {
            return null;
        }
        sent = pending;
        pending = new UsageDelta();
        pending.window = window;
        return sent;
    }

    /** Whether the view may be refreshed from the cluster without losing a change of its own. */
    synchronized boolean idle() {
        return sent == null && pending.isEmpty();
    }

    synchronized void pushed(UsageSnapshot after) {
        cluster = after;
        sent = null;
        pushes++;
    }

    /** How many pushes have come back so far: a refresh asked for before the latest of them is stale. */
    synchronized long pushes() {
        return pushes;
    }

    /** The batch did not reach the cluster: keep it, ahead of what came since, for the next push. */
    synchronized void pushFailed() {
        if (sent != null) {
            pending.absorb(sent);
            sent = null;
        }
    }

    /**
     * Takes a snapshot read from the cluster, unless this node changed the view since the read was asked for
     * ({@code pushesWhenAsked}): a push that came back meanwhile carries newer totals, its own among them.
     */
    synchronized void refreshed(UsageSnapshot fromCluster, long pushesWhenAsked) {
        if (sent == null && pending.isEmpty() && pushes == pushesWhenAsked) {
            cluster = fromCluster;
        }
    }

    private void roll(long window) {
        if (pending.window != window) {
            pending.window = window;
            pending.requests = 0;
            pending.tokens = 0;
            pending.successes = 0;
        }
        if (ownWindow != window) {
            ownWindow = window;
            ownRequests = 0;
        }
    }

    /**
     * What a snapshot is made of, read under the lock. The sample arrays are never changed once made (adding a
     * sample makes a new array), so the merging of the samples happens after the lock is released, and only
     * if they are read: a thread that held the lock longer was more often preempted holding it, and the other
     * event loop then waited a scheduler slice for it.
     */
    private Parts parts(long window) {
        UsageSnapshot base = cluster.in(window);
        UsageDelta inFlightBatch = sent == null ? EMPTY_DELTA : sent;
        return new Parts(
                base,
                window,
                requestsSeen(base, window),
                tokensSeen(base, window),
                base.successes() + pending.successes + (sentIn(window) ? sent.successes : 0),
                pending.failureTimes.length + inFlightBatch.failureTimes.length,
                base.inFlight() + pending.inFlight + inFlightBatch.inFlight,
                pending.maxSamples,
                SampleArrays.of(inFlightBatch),
                SampleArrays.of(pending));
    }

    /**
     * Samples of this node's own calls count at once, including those in the batch still on its way: a
     * deployment whose only sample vanished until the push came back looked untried to latency-based routing,
     * which tries untried deployments first.
     */
    private record Parts(
            UsageSnapshot base,
            long window,
            long requests,
            long tokens,
            long successes,
            long newFailures,
            long inFlight,
            int keep,
            SampleArrays sent,
            SampleArrays pending) {

        UsageSnapshot merged() {
            return new UsageSnapshot(
                    window,
                    requests,
                    Math.max(0, tokens),
                    successes,
                    base.failures() + newFailures,
                    Math.max(0, inFlight),
                    base.legacyFails() + newFailures,
                    RecentSamples.lastOf(keep, base.samples(), sent, pending));
        }
    }

    /** Requests this window: the cluster's as last seen, plus this node's own not yet in it. */
    private long requestsSeen(UsageSnapshot base, long window) {
        return base.requests() + pending.requests + (sentIn(window) ? sent.requests : 0);
    }

    /** Tokens this window, counted as {@link #requestsSeen} counts requests. */
    private long tokensSeen(UsageSnapshot base, long window) {
        return base.tokens() + pending.tokens + (sentIn(window) ? sent.tokens : 0);
    }

    private boolean sentIn(long window) {
        return sent != null && sent.window == window;
    }
}
