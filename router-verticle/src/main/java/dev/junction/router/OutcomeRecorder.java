package dev.junction.router;

import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.state.CallOutcome;
import dev.junction.cluster.state.RoutingState;
import dev.junction.cluster.state.UsageSnapshot;
import dev.junction.router.cooldown.CooldownPolicy;
import dev.junction.router.cooldown.Failure;
import dev.junction.router.cooldown.RecentOutcomes;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the end of each attempt into the cluster state (usage settled with the reported tokens, outcome,
 * latency) and, for failures, applies the cooldown rules to the counts that come back.
 */
final class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    /** LiteLLM's penalty sample for a timed-out call, so latency routing steers away from it. */
    private static final double TIMEOUT_PENALTY_SECONDS = 1000.0;

    private final RoutingState state;
    private final CooldownPolicy cooldowns;
    private final int maxLatencySamples;

    OutcomeRecorder(RoutingState state, CooldownPolicy cooldowns, int maxLatencySamples) {
        this.state = state;
        this.cooldowns = cooldowns;
        this.maxLatencySamples = maxLatencySamples;
    }

    /**
     * A whole answer, or a stream at its end. {@code firstTokenNanos} is the stream's head time, or -1;
     * {@code finishReason} the answer's first finish reason, or null.
     */
    void succeeded(Attempt attempt, Usage usage, String finishReason, long firstTokenNanos) {
        attempt.observation().succeeded(usage, finishReason);
        long elapsed = System.nanoTime() - attempt.startedNanos();
        long reported = usage.totalTokens();
        long correction = reported > 0 ? reported - attempt.estimatedTokens() : 0;
        Double latency = perToken(elapsed, usage.completionTokens());
        Double firstToken = firstTokenNanos < 0 ? null : perToken(firstTokenNanos, usage.completionTokens());
        record(
                attempt,
                new CallOutcome(
                        true,
                        attempt.admission().usage().window(),
                        correction,
                        true,
                        true,
                        latency,
                        firstToken,
                        maxLatencySamples,
                        System.currentTimeMillis(),
                        cooldowns.legacyFailWindow().toMillis()));
    }

    /** A failed attempt; completes once any cooldown it earned is in place, so a retry sees it. */
    Future<Void> failed(Attempt attempt, GatewayException error) {
        attempt.observation().failed(error);
        Double penalty = error.kind() == ErrorKind.TIMEOUT ? TIMEOUT_PENALTY_SECONDS : null;
        // The failures that opened a breaker were each counted when they happened; a refusal by the open
        // breaker, a client that left, or a deployment that cannot take this kind of request at all, says
        // nothing new about the deployment's health.
        boolean judged = error.kind() != ErrorKind.CIRCUIT_OPEN
                && error.kind() != ErrorKind.CLIENT_CLOSED
                && error.kind() != ErrorKind.UNSUPPORTED_BY_DEPLOYMENT;
        CallOutcome outcome = new CallOutcome(
                true,
                attempt.admission().usage().window(),
                0,
                false,
                judged,
                penalty,
                null,
                maxLatencySamples,
                System.currentTimeMillis(),
                cooldowns.legacyFailWindow().toMillis());
        return state.complete(attempt.deployment().id(), outcome)
                .compose(after -> judged ? coolDownIfDue(attempt, error, after) : Future.<Void>succeededFuture())
                .recover(stateTrouble -> {
                    LOG.warn(
                            "Could not record a failure of deployment {}: {}",
                            attempt.deployment().id(),
                            stateTrouble.toString());
                    return Future.succeededFuture();
                });
    }

    private Future<Void> coolDownIfDue(Attempt attempt, GatewayException error, UsageSnapshot after) {
        RecentOutcomes outcomes = new RecentOutcomes(after.failures(), after.successes(), after.legacyFails());
        Failure failure = Failure.of(
                error,
                attempt.deployment(),
                attempt.resolution().wildcard(),
                attempt.resolution().deployments().size(),
                outcomes);
        return cooldowns
                .decide(failure)
                .map(duration -> {
                    LOG.info(
                            "Cooling down deployment {} of {} for {} ms after {}",
                            attempt.deployment().id(),
                            attempt.deployment().modelName(),
                            duration.toMillis(),
                            error.kind());
                    attempt.observation().cooledDown(duration, error);
                    return state.coolDown(
                            attempt.deployment().id(), duration, error.kind().name());
                })
                .orElseGet(Future::succeededFuture);
    }

    private void record(Attempt attempt, CallOutcome outcome) {
        state.complete(attempt.deployment().id(), outcome)
                .onFailure(trouble -> LOG.warn(
                        "Could not record a call of deployment {}: {}",
                        attempt.deployment().id(),
                        trouble.toString()));
    }

    /** LiteLLM's latency measure: seconds per completion token, or plain seconds when none were reported. */
    private static Double perToken(long nanos, long completionTokens) {
        double seconds = nanos / 1e9;
        return completionTokens > 0 ? seconds / completionTokens : seconds;
    }
}
