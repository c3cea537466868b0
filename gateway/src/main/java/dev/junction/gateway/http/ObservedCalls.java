package dev.junction.gateway.http;

import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.bus.Usage;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.CallEnd;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.cluster.observe.CallObserver;
import dev.junction.cluster.observe.CallStart;
import dev.junction.cluster.observe.CallerLabels;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.observe.CallCosts;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Where the HTTP layer tells the observers (metrics, traces, alerts, log callbacks) that a call arrived and
 * how it ended. With no observer configured nothing is built.
 */
final class ObservedCalls {
    private static final String RESPONSE_COST = "x-litellm-response-cost";
    private final CallObserver observer;
    private final CallCosts costs;

    ObservedCalls(CallObserver observer, CallCosts costs) {
        this.observer = observer;
        this.costs = costs;
    }

    /** Opens the observation of a call that just arrived. */
    CallObservation open(HttpServerRequest client, Caller caller) {
        if (!observer.active()) {
            return CallObservation.NONE;
        }
        return observer.open(new CallStart(
                client.getHeader("x-litellm-call-id"),
                client.path(),
                labels(caller),
                client.getHeader("traceparent"),
                client.getHeader("tracestate"),
                client.getHeader("user-agent"),
                System.nanoTime(),
                System.currentTimeMillis()));
    }

    /** The answer was written; a stream's end is told when it ends. */
    void answered(CallObservation observation, RoutedReply routed) {
        if (observation == CallObservation.NONE) {
            return;
        }
        if (routed.reply() instanceof ProviderReply.Complete complete) {
            observation.ended(new CallEnd(
                    200,
                    null,
                    routed,
                    complete.usage(),
                    cost(routed, complete.usage()),
                    complete.body(),
                    System.nanoTime()));
        } else if (routed.reply() instanceof ProviderReply.Streaming streaming) {
            streaming.stream().usage().onComplete(done -> {
                Usage usage = done.succeeded() ? done.result() : Usage.NONE;
                GatewayException error = done.succeeded() ? null : GatewayException.from(done.cause());
                observation.ended(new CallEnd(
                        200, error, routed, usage, costs.of(routed.deployment(), usage), null, System.nanoTime()));
            });
        }
    }

    /**
     * What a whole answer cost: the router's own pricing when it gave one ({@code x-litellm-response-cost}, which
     * prices images, audio and the like by their own measure), else its tokens at the deployment's prices.
     */
    private double cost(RoutedReply routed, Usage usage) {
        String priced = routed.headers().get(RESPONSE_COST);
        if (priced != null) {
            try {
                return Double.parseDouble(priced);
            } catch (NumberFormatException unreadable) {
                // priced below from its tokens
            }
        }
        return costs.of(routed.deployment(), usage);
    }

    /** The call failed and {@code response} carries the error. */
    void failed(CallObservation observation, HttpServerResponse response, Throwable failure) {
        if (observation == CallObservation.NONE) {
            return;
        }
        GatewayException error = GatewayException.from(failure);
        int status =
                response.headWritten() ? response.getStatusCode() : error.kind().httpStatus();
        observation.ended(new CallEnd(status, error, null, Usage.NONE, 0, null, System.nanoTime()));
    }

    /**
     * One model's call of a batch completion ended: answered, or failed with its own error's status (the batch's
     * answer, a list, may still be a 200).
     */
    void partEnded(CallObservation observation, AsyncResult<RoutedReply> part) {
        if (observation == CallObservation.NONE) {
            return;
        }
        if (part.succeeded()) {
            answered(observation, part.result());
            return;
        }
        GatewayException error = GatewayException.from(part.cause());
        observation.ended(new CallEnd(error.kind().httpStatus(), error, null, Usage.NONE, 0, null, System.nanoTime()));
    }

    static CallerLabels labels(Caller caller) {
        if (caller instanceof Caller.KeyHolder holder) {
            var key = holder.key();
            return new CallerLabels(
                    key.token(),
                    key.keyAlias(),
                    key.teamId(),
                    holder.team() == null ? null : holder.team().teamAlias(),
                    key.userId());
        }
        return CallerLabels.ADMIN;
    }
}
