package dev.junction.cluster.spend;

import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settlements on their way to the counters. Each is tracked, so that a leaving node can wait for its last
 * ones; one the counters refused for want of a quorum ({@code budget_quorum}) was not applied, and is kept and
 * sent again until the quorum is back, so that spend made while it was missing is not lost.
 */
final class Settlements {
    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);

    private final IMap<String, SpendCounter> counters;
    private final BooleanSupplier quorumPresent;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Refused> refused = new ConcurrentLinkedQueue<>();

    private record Refused(String subjectId, SettleProcessor settle) {}

    /** @param quorumPresent whether this member's side of the cluster has the quorum now */
    Settlements(IMap<String, SpendCounter> counters, BooleanSupplier quorumPresent) {
        this.counters = counters;
        this.quorumPresent = quorumPresent;
    }

    CompletableFuture<SpendState> send(String subjectId, SettleProcessor settle) {
        CompletableFuture<SpendState> call =
                counters.submitToKey(subjectId, settle).toCompletableFuture();
        inFlight.add(call);
        call.whenComplete((done, failure) -> {
            inFlight.remove(call);
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof SplitBrainProtectionException) {
                refused.add(new Refused(subjectId, settle));
            } else if (cause != null) {
                LOG.error("A settlement of {} USD did not reach the cluster: {}", settle.actual, cause.toString());
            }
        });
        return call;
    }

    /**
     * Sends again what the counters refused for want of a quorum, once it is back. Not before: while a split
     * heals, a settlement that landed on the side about to merge into the other could count on both.
     */
    void retryRefused() {
        if (refused.isEmpty() || !quorumPresent.getAsBoolean()) {
            return;
        }
        for (int left = refused.size(); left > 0; left--) {
            Refused again = refused.poll();
            if (again == null) {
                return;
            }
            send(again.subjectId(), again.settle());
        }
    }

    /** Waits (blocking) for the settlements sent so far. */
    void await(Duration within) {
        CompletableFuture<?>[] pending = inFlight.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            LOG.warn(
                    "{} settlement(s) still unanswered by the cluster after {} s", inFlight.size(), within.toSeconds());
        } catch (ExecutionException failed) {
            // Each failure was logged, or kept for another try, when it happened.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!refused.isEmpty()) {
            LOG.error(
                    "{} settlement(s) refused for want of a quorum are lost: the node leaves before it is back",
                    refused.size());
        }
    }
}
