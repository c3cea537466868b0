package dev.junction.router.keys;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.state.Admission;
import dev.junction.cluster.state.CallOutcome;
import dev.junction.cluster.state.RoutingState;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;

/**
 * A key's or team's {@code rpm_limit}, {@code tpm_limit} and {@code max_parallel_requests}, counted in the
 * same cluster state as the deployments' limits (under the subject's id), so they hold for the cluster with
 * the same accuracy.
 */
public final class SubjectLimits {
    private final RoutingState state;
    private final Clock clock;

    public SubjectLimits(RoutingState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Counts a call against the subject, or fails with a 429 naming the limit it would cross. */
    Future<Admission> admit(SpendSubject subject, String label, long tokens) {
        long rpm = subject.rpmLimit() == null ? Long.MAX_VALUE : subject.rpmLimit();
        long tpm = subject.tpmLimit() == null ? Long.MAX_VALUE : subject.tpmLimit();
        return state.admit(subject.id(), rpm, tpm, tokens).compose(admission -> {
            if (!admission.admitted()) {
                boolean requests = admission.usage().requests() + 1 > rpm;
                return Future.failedFuture(
                        refused(label, requests ? "rpm_limit" : "tpm_limit", requests ? rpm : tpm, untilNextMinute()));
            }
            Integer parallel = subject.maxParallelRequests();
            if (parallel != null && admission.usage().inFlight() > parallel) {
                release(subject, admission, 0, false);
                return Future.failedFuture(refused(label, "max_parallel_requests", parallel, Duration.ofSeconds(1)));
            }
            return Future.succeededFuture(admission);
        });
    }

    /** Ends a counted call: frees its in-flight slot and corrects its token estimate with the reported usage. */
    void release(SpendSubject subject, Admission admission, long tokenCorrection, boolean success) {
        CallOutcome outcome = new CallOutcome(
                true, admission.usage().window(), tokenCorrection, success, false, null, null, 1, clock.millis(), 0);
        state.complete(subject.id(), outcome);
    }

    private Duration untilNextMinute() {
        long now = clock.millis();
        return Duration.ofMillis(60_000 - now % 60_000);
    }

    private static GatewayException refused(String label, String limit, long value, Duration retryAfter) {
        return GatewayException.of(
                        ErrorKind.RATE_LIMITED,
                        ErrorKind.RATE_LIMITED.describe("Rate limit exceeded for " + label + ": " + limit + " of "
                                + value + " reached. Try again in " + Math.max(1, retryAfter.toSeconds())
                                + " seconds."))
                .withRetryAfter(retryAfter);
    }
}
