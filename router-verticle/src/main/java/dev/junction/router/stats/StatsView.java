package dev.junction.router.stats;

import java.util.List;

/**
 * A read-only snapshot of what the cluster knows about deployments, keyed by deployment id. Routing
 * strategies and limit checks read it and never write: the counters behind it are kept elsewhere with atomic
 * cluster operations.
 *
 * <p>"This minute" is the fixed UTC minute in progress (see {@link dev.junction.router.limit.MinuteWindow}),
 * the window LiteLLM keys its usage counters by.
 */
public interface StatsView {
    /** A view with no data at all: no usage, nothing in flight, no latency samples. */
    StatsView EMPTY = new StatsView() {
        @Override
        public long requestsThisMinute(String deploymentId) {
            return 0;
        }

        @Override
        public long tokensThisMinute(String deploymentId) {
            return 0;
        }

        @Override
        public long inFlight(String deploymentId) {
            return 0;
        }

        @Override
        public List<LatencySample> latencies(String deploymentId) {
            return List.of();
        }

        @Override
        public List<LatencySample> timesToFirstToken(String deploymentId) {
            return List.of();
        }
    };

    /** Requests started on the deployment in the current minute window. */
    long requestsThisMinute(String deploymentId);

    /** Tokens (prompt + completion) the deployment served in the current minute window. */
    long tokensThisMinute(String deploymentId);

    /** Calls sent to the deployment that have not finished yet. */
    long inFlight(String deploymentId);

    /** Recent whole-call latencies, oldest first. */
    List<LatencySample> latencies(String deploymentId);

    /** Recent times to first token of streamed calls, oldest first. */
    List<LatencySample> timesToFirstToken(String deploymentId);
}
