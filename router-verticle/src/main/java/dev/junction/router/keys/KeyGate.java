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
import dev.junction.cluster.spend.CallLog;
import dev.junction.router.stream.ContinuedStream;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds a call to the limits and budgets of everyone it counts against (its key, team, user, team membership,
 * organisation and end user: the {@link KeyGrant}) around the routing: counts it against their
 * rpm/tpm/parallel limits, reserves an estimate of its cost against their budgets, routes it, then settles the
 * real cost (at the end of a stream for a stream). Every call, with or without a grant, then becomes a spend
 * log row ({@link CallRecords}). Without a grant and without spend logs a call passes straight through.
 *
 * <p>The same subjects live in the gateway's stores ({@code gateway.keys}) and in the cluster's ledger ({@code
 * cluster.spend.BudgetLedger}).
 */
public final class KeyGate {
    private final Function<LlmRequest, Future<RoutedReply>> router;
    private final SubjectLimits limits;
    private final BudgetLedger ledger;
    private final CallPricing pricing;
    private final CallRecords records;

    public KeyGate(
            Function<LlmRequest, Future<RoutedReply>> router,
            SubjectLimits limits,
            BudgetLedger ledger,
            CallPricing pricing,
            CallLog log) {
        this.router = router;
        this.limits = limits;
        this.ledger = ledger;
        this.pricing = pricing;
        this.records = new CallRecords(log);
    }

    public KeyGate(
            Function<LlmRequest, Future<RoutedReply>> router,
            SubjectLimits limits,
            BudgetLedger ledger,
            CallPricing pricing) {
        this(router, limits, ledger, pricing, CallLog.NONE);
    }

    public Future<RoutedReply> route(LlmRequest request) {
        KeyGrant grant = request.grant();
        if (grant == null && !records.enabled() && request.observation() == CallObservation.NONE) {
            // Nobody uses the cost: no key to charge, no spend log, no observer (metrics price by it).
            return router.apply(request);
        }
        long startMillis = System.currentTimeMillis();
        List<HeldSubject> held = heldOf(grant);
        if (held.isEmpty()) {
            // Nothing to hold (the master key, an end user without limits): the call is only logged.
            return router.apply(request)
                    .map(routed -> settleWhenDone(request, held, null, routed, startMillis))
                    .onFailure(failure -> records.failed(request, startMillis));
        }
        CallPricing.Estimate estimate = pricing.estimate(request);
        CallObservation observation = request.observation();
        return admitAll(held, 0, estimate, observation)
                .compose(admitted -> reserveAll(held, 0, estimate, observation))
                .compose(reserved -> router.apply(request))
                .map(routed -> settleWhenDone(request, held, estimate, routed, startMillis))
                .onFailure(failure -> {
                    for (HeldSubject each : held) {
                        each.end(limits, ledger, 0, Usage.NONE, estimate, false);
                    }
                    records.failed(request, startMillis);
                });
    }

    private static List<HeldSubject> heldOf(KeyGrant grant) {
        List<HeldSubject> held = new ArrayList<>();
        if (grant == null) {
            return held;
        }
        if (grant.key() != null) {
            held.add(new HeldSubject(grant.key()));
        }
        if (grant.team() != null) {
            held.add(new HeldSubject(grant.team()));
        }
        grant.others().forEach(subject -> held.add(new HeldSubject(subject)));
        return held;
    }

    private Future<Void> admitAll(
            List<HeldSubject> held, int index, CallPricing.Estimate estimate, CallObservation observation) {
        if (index == held.size()) {
            return Future.succeededFuture();
        }
        HeldSubject each = held.get(index);
        if (!each.subject.hasRateLimits()) {
            return admitAll(held, index + 1, estimate, observation);
        }
        long started = System.nanoTime();
        String label = each.subject.label();
        return reported(
                        limits.admit(each.subject, label, estimate.promptTokens()),
                        observation,
                        KeyCheck.RATE_LIMIT,
                        label,
                        started)
                .compose(admission -> {
                    each.admission = admission;
                    return admitAll(held, index + 1, estimate, observation);
                });
    }

    private Future<Void> reserveAll(
            List<HeldSubject> held, int index, CallPricing.Estimate estimate, CallObservation observation) {
        if (index == held.size()) {
            return Future.succeededFuture();
        }
        HeldSubject each = held.get(index);
        if (each.subject.maxBudget() == null) {
            return reserveAll(held, index + 1, estimate, observation);
        }
        long started = System.nanoTime();
        Future<BudgetHold> reserved = ledger.reserve(each.subject, estimate.usd())
                .compose(hold -> hold.admitted()
                        ? Future.succeededFuture(hold)
                        : Future.failedFuture(overBudget(each.subject, hold)));
        return reported(reserved, observation, KeyCheck.BUDGET, each.subject.label(), started)
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
            LlmRequest request,
            List<HeldSubject> held,
            CallPricing.Estimate estimate,
            RoutedReply routed,
            long startMillis) {
        Map<String, String> headers = new HashMap<>(routed.headers());
        addGrantHeaders(request.grant(), headers);
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            // A cached answer called no provider, so it costs nothing (its tokens still count, as in LiteLLM).
            double cost = routed.cacheHit() ? 0 : pricing.cost(request, routed.deployment(), complete, estimate);
            for (HeldSubject each : held) {
                each.end(limits, ledger, cost, complete.usage(), estimate, true);
            }
            // Every whole answer says its cost, as LiteLLM's do; metrics and log callbacks read it from here.
            headers.put("x-litellm-response-cost", Double.toString(cost));
            records.answered(request, routed, complete.usage(), cost, startMillis, true);
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            streaming.stream().usage().onComplete(ended -> {
                Usage usage = ended.succeeded() ? ended.result() : Usage.NONE;
                Future<Double> cost = routed.cacheHit()
                        ? Future.succeededFuture(0.0)
                        : streamCost(routed, streaming.stream(), usage, estimate);
                cost.onComplete(priced -> {
                    for (HeldSubject each : held) {
                        each.end(limits, ledger, priced.result(), usage, estimate, ended.succeeded());
                    }
                    records.answered(request, routed, usage, priced.result(), startMillis, ended.succeeded());
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

    /** The key's limits, and the region its end user is held to, as LiteLLM's response headers. */
    private static void addGrantHeaders(KeyGrant grant, Map<String, String> headers) {
        if (grant == null) {
            return;
        }
        SpendSubject key = grant.key();
        if (key != null) {
            putIfSet(headers, "x-litellm-key-rpm-limit", key.rpmLimit());
            putIfSet(headers, "x-litellm-key-tpm-limit", key.tpmLimit());
            putIfSet(headers, "x-litellm-key-max-budget", key.maxBudget());
        }
        putIfSet(headers, "x-litellm-model-region", grant.allowedRegion());
    }

    private static void putIfSet(Map<String, String> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value.toString());
        }
    }

    private static GatewayException overBudget(SpendSubject subject, BudgetHold hold) {
        String label = subject.label();
        return GatewayException.of(
                ErrorKind.BUDGET_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "Budget has been exceeded! %s spend: %s, max budget: %s",
                        label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1),
                        hold.state().spend(),
                        subject.maxBudget()));
    }
}
