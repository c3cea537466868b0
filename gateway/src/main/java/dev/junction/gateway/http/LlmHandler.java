package dev.junction.gateway.http;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.CallObservation;
import dev.junction.config.RouterSettings;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.ModelAccess;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** Serves an operation: parse at the edge, hand over to the router, write what comes back, in its API's format. */
final class LlmHandler implements Handler<RoutingContext> {
    /** Made once: it carries its hash, which a String name would compute again on every request. */
    static final CharSequence CALL_ID = HttpHeaders.createOptimized("x-litellm-call-id");

    private static final GatewayException CLIENT_GONE =
            GatewayException.of(ErrorKind.CLIENT_CLOSED, "client closed the request before the answer");

    /**
     * The router answers within the request's own timeouts (and their retries); this bound only keeps a
     * request from waiting forever if the router never answered.
     */
    private final Duration routerBudget;

    private final Endpoint endpoint;
    private final InboundApi api;
    private final EventBus bus;

    private final ModelAccess access;
    private final LlmAccess controls;
    private final ObservedCalls observed;

    LlmHandler(
            Endpoint endpoint,
            InboundApi api,
            EventBus bus,
            RouterSettings settings,
            ModelAccess access,
            LlmAccess controls,
            ObservedCalls observed) {
        this.controls = controls;
        this.endpoint = endpoint;
        this.access = access;
        this.observed = observed;
        this.api = api;
        this.bus = bus;
        this.routerBudget = settings.timeout().multipliedBy(4);
    }

    @Override
    public void handle(RoutingContext ctx) {
        serve(RouterBodies.exchange(ctx), ctx.body().buffer(), ctx.pathParam("model"), AuthHandler.caller(ctx));
    }

    /**
     * Answers with an error in this operation's API shape a call refused before its body was read (no or a wrong
     * key), and tells the observers, which count it as a failed call as LiteLLM does.
     */
    void fail(HttpServerRequest client, Throwable failure) {
        CallObservation observation = observed.open(client, Caller.ADMIN);
        ErrorResponder.send(client, failure, api.errorShape());
        observed.failed(observation, client.response(), failure);
    }

    /**
     * Answers, in this operation's API shape, a request whose body will not be read (see ErrorResponder), and
     * tells the observers.
     */
    void refuse(HttpServerRequest client, Throwable failure) {
        CallObservation observation = observed.open(client, Caller.ADMIN);
        ErrorResponder.refuse(client, failure, api.errorShape());
        observed.failed(observation, client.response(), failure);
    }

    /** Serves one call whose caller is known and whose body has been read; every failure is answered here. */
    void serve(Exchange exchange, Buffer body, String pathModel, Caller authenticated) {
        HttpServerRequest client = exchange.request();
        HttpServerResponse response = client.response();
        CallObservation observation = observed.open(client, authenticated);
        LlmRequest parsed;
        Caller caller;
        try {
            parsed = api.parse(endpoint, client, body, pathModel);
            parsed = CacheControlHeader.apply(parsed, client.getHeader(HttpHeaders.CACHE_CONTROL));
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            response.putHeader(CALL_ID, parsed.callId());
            observation.parsed(parsed);
            exchange.model(parsed.model());
            caller = controls.admit(exchange, authenticated, parsed.model(), parsed.body());
            if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
                parsed = parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), KeyGrants.of(holder));
            }
            controls.hold(exchange);
        } catch (GatewayException invalid) {
            failed(client, observation, invalid);
            return;
        }
        api.prepare(parsed, caller)
                .onComplete(
                        ready -> route(observed(ready, observation), client, caller),
                        failure -> failed(client, observation, failure));
    }

    private static LlmRequest observed(LlmRequest request, CallObservation observation) {
        return observation == CallObservation.NONE ? request : request.observedBy(observation);
    }

    private void failed(HttpServerRequest client, CallObservation observation, Throwable failure) {
        ErrorResponder.send(client, failure, api.errorShape());
        observed.failed(observation, client.response(), failure);
    }

    private void route(LlmRequest request, HttpServerRequest client, Caller caller) {
        HttpServerResponse response = client.response();
        CallObservation observation = request.observation();
        response.closeHandler(v -> request.cancellation().cancel());
        BusContract.request(bus, Addresses.ROUTER, request, routerBudget, RoutedReply.class)
                .onSuccess(routed -> {
                    if (response.closed()) {
                        if (routed.reply() instanceof ProviderReply.Streaming streaming) {
                            streaming.stream().cancel();
                        }
                        observed.failed(observation, response, CLIENT_GONE);
                        return;
                    }
                    RoutedReply sized =
                            ResponseSize.limit(routed, controls.maxResponseBytes(), request, api.errorShape());
                    if (sized == null) {
                        failed(client, observation, ResponseSize.tooLarge(routed, controls.maxResponseBytes()));
                        return;
                    }
                    api.write(request, sized, response, caller);
                    observed.answered(observation, sized);
                })
                .onFailure(failure -> {
                    if (!response.closed()) {
                        ErrorResponder.send(client, failure, api.errorShape());
                    }
                    observed.failed(observation, response, failure);
                });
    }
}
