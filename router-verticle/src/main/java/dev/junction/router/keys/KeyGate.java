package dev.junction.router.keys;

import dev.junction.cluster.bus.ChunkStream;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.KeyCheck;
import dev.junction.cluster.spend.BudgetHold;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.state.Admission;
import dev.junction.router.stream.ContinuedStream;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds a virtual key's request to its key's and team's limits and budgets around the routing: counts it
 * against their rpm/tpm/parallel limits, reserves an estimate of its cost against their budgets, routes it,
 * then settles the real cost (at the end of a stream for a stream). Requests without a key pass straight
 * through.
 */
public final class KeyGate {

    private final Function<LlmRequest, Future<RoutedReply>> router;
    private final SubjectLimits limits;
    private final BudgetLedger ledger;
    private final CallPricing pricing;

    public KeyGate(
            Function<LlmRequest, Future<RoutedReply>> router,
            SubjectLimits limits,
            BudgetLedger ledger,
            CallPricing pricing) {
        this.router = router;
        this.limits = limits;
        this.ledger = ledger;
        this.pricing = pricing;
    }

    public Future<RoutedReply> route(LlmRequest request) {
        KeyGrant grant = request.grant();
        if (grant == null) {
            return router.apply(request);
        }
        List<Held> held = new ArrayList<>();
        held.add(new Held(grant.key(), "key"));
        if (grant.team() != null) {
            held.add(new Held(grant.team(), "team " + grant.team().id().substring("team:".length())));
        }
        CallPricing.Estimate estimate = pricing.estimate(request);
        CallObservation observation = request.observation();
        return admitAll(held, 0, estimate, observation)
                .compose(admitted -> reserveAll(held, 0, estimate, observation))
                .compose(reserved -> router.apply(request))
                .map(routed -> settleWhenDone(request, held, estimate, routed))
                .onFailure(failure -> {
                    for (Held each : held) {
                        each.end(limits, ledger, 0, Usage.NONE, estimate, false);
                    }
                });
    }

    private Future<Void> admitAll(
            List<Held> held, int index, CallPricing.Estimate estimate, CallObservation observation) {
        if (index == held.size()) {
            return Future.succeededFuture();
        }
        Held each = held.get(index);
        if (!each.subject.hasRateLimits()) {
            return admitAll(held, index + 1, estimate, observation);
        }
        long started = System.nanoTime();
        return reported(
                        limits.admit(each.subject, each.label, estimate.promptTokens()),
                        observation,
                        KeyCheck.RATE_LIMIT,
                        each.label,
                        started)
                .compose(admission -> {
                    each.admission = admission;
                    return admitAll(held, index + 1, estimate, observation);
                });
    }

    private Future<Void> reserveAll(
            List<Held> held, int index, CallPricing.Estimate estimate, CallObservation observation) {
        if (index == held.size()) {
            return Future.succeededFuture();
        }
        Held each = held.get(index);
        if (each.subject.maxBudget() == null) {
            return reserveAll(held, index + 1, estimate, observation);
        }
        long started = System.nanoTime();
        Future<BudgetHold> reserved = ledger.reserve(each.subject, estimate.usd())
                .compose(hold ->
                        hold.admitted() ? Future.succeededFuture(hold) : Future.failedFuture(overBudget(each, hold)));
        return reported(reserved, observation, KeyCheck.BUDGET, each.label, started)
                .compose(hold -> {
                    each.hold = hold;
                    return reserveAll(held, index + 1, estimate, observation);
                });
    }

    /** Tells the call's observers how a check of {@code kind} on {@code label} went, once it has answered. */
    private static <T> Future<T> reported(
            Future<T> check, CallObservation observation, String kind, String label, long startedNanos) {
        if (observation == CallObservation.NONE) {
            return check;
        }
        return check.onComplete(done ->
                observation.keyChecked(new KeyCheck(kind, label, done.succeeded(), startedNanos, System.nanoTime())));
    }

    private RoutedReply settleWhenDone(
            LlmRequest request, List<Held> held, CallPricing.Estimate estimate, RoutedReply routed) {
        Map<String, String> headers = new HashMap<>(routed.headers());
        SpendSubject key = held.get(0).subject;
        putIfSet(headers, "x-litellm-key-rpm-limit", key.rpmLimit());
        putIfSet(headers, "x-litellm-key-tpm-limit", key.tpmLimit());
        putIfSet(headers, "x-litellm-key-max-budget", key.maxBudget());
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            double cost = routed.cacheHit() ? 0 : pricing.cost(request, routed.deployment(), complete, estimate);
            for (Held each : held) {
                each.end(limits, ledger, cost, complete.usage(), estimate, true);
            }
            headers.put("x-litellm-response-cost", Double.toString(cost));
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            streaming.stream().usage().onComplete(ended -> {
                Usage usage = ended.succeeded() ? ended.result() : Usage.NONE;
                // A cached answer called no provider, so it costs nothing (its tokens still count, as in LiteLLM).
                Future<Double> cost = routed.cacheHit()
                        ? Future.succeededFuture(0.0)
                        : streamCost(routed, streaming.stream(), usage, estimate);
                cost.onComplete(priced -> {
                    for (Held each : held) {
                        each.end(limits, ledger, priced.result(), usage, estimate, ended.succeeded());
                    }
                });
            });
        }
        return routed.withHeaders(headers);
    }

    /**
     * What a stream cost: each attempt that served part of it (a broken stream and its continuation) at its
     * own deployment's prices, once it ended well; nothing when it failed.
     */
    private Future<Double> streamCost(
            RoutedReply routed, ChunkStream stream, Usage usage, CallPricing.Estimate estimate) {
        if (usage == Usage.NONE || !(stream instanceof ContinuedStream continued)) {
            return Future.succeededFuture(pricing.cost(routed.deployment(), usage, estimate));
        }
        return continued.served().map(parts -> parts.stream()
                .mapToDouble(part -> pricing.cost(part.deployment(), part.usage(), estimate))
                .sum());
    }

    private static void putIfSet(Map<String, String> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value.toString());
        }
    }

    private static GatewayException overBudget(Held held, BudgetHold hold) {
        return GatewayException.of(
                ErrorKind.BUDGET_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "Budget has been exceeded! %s spend: %s, max budget: %s",
                        held.label.substring(0, 1).toUpperCase(Locale.ROOT) + held.label.substring(1),
                        hold.state().spend(),
                        held.subject.maxBudget()));
    }

    /** What one request holds on one subject until it ends. */
    private static final class Held {
        final SpendSubject subject;
        final String label;
        Admission admission;
        BudgetHold hold;
        boolean ended;

        Held(SpendSubject subject, String label) {
            this.subject = subject;
            this.label = label;
        }

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
                ledger.settle(subject, hold, cost);
            }
        }
    }
}
