package dev.junction.gateway.http;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
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
    private static final CharSequence CALL_ID = HttpHeaders.createOptimized("x-litellm-call-id");

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

    LlmHandler(
            Endpoint endpoint,
            InboundApi api,
            EventBus bus,
            RouterSettings settings,
            ModelAccess access,
            LlmAccess controls) {
        this.controls = controls;
        this.endpoint = endpoint;
        this.access = access;
        this.api = api;
        this.bus = bus;
        this.routerBudget = settings.timeout().multipliedBy(4);
    }

    @Override
    public void handle(RoutingContext ctx) {
        serve(RouterBodies.exchange(ctx), ctx.body().buffer(), ctx.pathParam("model"), AuthHandler.caller(ctx));
    }

    /** Answers with an error in this operation's API shape. */
    void fail(HttpServerRequest client, Throwable failure) {
        ErrorResponder.send(client, failure, api.errorShape());
    }

    /** Answers, in this operation's API shape, a request whose body will not be read (see ErrorResponder). */
    void refuse(HttpServerRequest client, Throwable failure) {
        ErrorResponder.refuse(client, failure, api.errorShape());
    }

    /** Serves one call whose caller is known and whose body has been read; every failure is answered here. */
    void serve(Exchange exchange, Buffer body, String pathModel, Caller authenticated) {
        HttpServerRequest client = exchange.request();
        HttpServerResponse response = client.response();
        LlmRequest parsed;
        Caller caller;
        try {
            parsed = api.parse(endpoint, client, body, pathModel);
            parsed = CacheControlHeader.apply(parsed, client.getHeader(HttpHeaders.CACHE_CONTROL));
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            response.putHeader(CALL_ID, parsed.callId());
            exchange.model(parsed.model());
            caller = controls.admit(exchange, authenticated, parsed.model(), parsed.body());
            if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
                parsed = parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), KeyGrants.of(holder));
            }
            controls.hold(exchange);
        } catch (GatewayException invalid) {
            fail(client, invalid);
            return;
        }
        api.prepare(parsed, caller).onComplete(ready -> route(ready, client, caller), failure -> fail(client, failure));
    }

    private void route(LlmRequest request, HttpServerRequest client, Caller caller) {
        HttpServerResponse response = client.response();
        response.closeHandler(v -> request.cancellation().cancel());
        BusContract.request(bus, Addresses.ROUTER, request, routerBudget, RoutedReply.class)
                .onSuccess(routed -> {
                    if (response.closed()) {
                        if (routed.reply() instanceof ProviderReply.Streaming streaming) {
                            streaming.stream().cancel();
                        }
                        return;
                    }
                    RoutedReply sized =
                            ResponseSize.limit(routed, controls.maxResponseBytes(), request, api.errorShape());
                    if (sized == null) {
                        fail(client, ResponseSize.tooLarge(routed, controls.maxResponseBytes()));
                        return;
                    }
                    api.write(request, sized, response, caller);
                })
                .onFailure(failure -> {
                    if (!response.closed()) {
                        fail(client, failure);
                    }
                });
    }
}
