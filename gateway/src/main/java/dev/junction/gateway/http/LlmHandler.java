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
import java.util.function.BiConsumer;

/** Serves an OpenAI operation: parse at the edge, hand over to the router, write what comes back. */
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
    private final RequestParser parser;
    private final EventBus bus;

    private final ModelAccess access;
    private final ObservedCalls observed;

    LlmHandler(
            Endpoint endpoint,
            RequestParser parser,
            EventBus bus,
            RouterSettings settings,
            ModelAccess access,
            ObservedCalls observed) {
        this.endpoint = endpoint;
        this.access = access;
        this.observed = observed;
        this.parser = parser;
        this.bus = bus;
        this.routerBudget = settings.timeout().multipliedBy(4);
    }

    @Override
    public void handle(RoutingContext ctx) {
        serve(RouterBodies.exchange(ctx), ctx.body().buffer(), ctx.pathParam("model"), AuthHandler.caller(ctx));
    }

    /**
     * Answers a call refused before its body was read (no or a wrong key, a body over the limit), and tells the
     * observers, which count it as a failed call as LiteLLM does.
     */
    void refuse(HttpServerRequest client, Throwable failure, BiConsumer<HttpServerRequest, Throwable> answer) {
        CallObservation observation = observed.open(client, Caller.ADMIN);
        answer.accept(client, failure);
        observed.failed(observation, client.response(), failure);
    }

    /** Serves one call whose caller is known and whose body has been read; every failure is answered here. */
    void serve(Exchange exchange, Buffer body, String pathModel, Caller caller) {
        HttpServerRequest client = exchange.request();
        HttpServerResponse response = client.response();
        CallObservation observation = observed.open(client, caller);
        LlmRequest parsed;
        try {
            parsed = parser.parse(
                    endpoint,
                    body,
                    pathModel,
                    client.getHeader("x-litellm-call-id"),
                    client.getHeader("x-litellm-timeout"));
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            response.putHeader(CALL_ID, parsed.callId());
            observation.parsed(parsed);
            exchange.model(parsed.model());
            if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
                parsed = parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), KeyGrants.of(holder));
            }
        } catch (GatewayException invalid) {
            ErrorResponder.send(client, invalid);
            observed.failed(observation, response, invalid);
            return;
        }
        LlmRequest request = observation == CallObservation.NONE ? parsed : parsed.observedBy(observation);
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
                    ReplyWriter.write(request, routed, response);
                    observed.answered(observation, routed);
                })
                .onFailure(failure -> {
                    if (!response.closed()) {
                        ErrorResponder.send(client, failure);
                    }
                    observed.failed(observation, response, failure);
                });
    }
}
