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

    private final long bodyLimit;

    LlmHandler(
            Endpoint endpoint,
            InboundApi api,
            EventBus bus,
            RouterSettings settings,
            ModelAccess access,
            long bodyLimit) {
        this.endpoint = endpoint;
        this.bodyLimit = bodyLimit;
        this.access = access;
        this.api = api;
        this.bus = bus;
        this.routerBudget = settings.timeout().multipliedBy(4);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String pathModel = ctx.pathParam("model");
        Caller caller = AuthHandler.caller(ctx);
        Buffer body = ctx.body().buffer();
        if (body != null || request.isEnded()) {
            serve(request, body, pathModel, caller);
            return;
        }
        // A multipart upload, which the body handler leaves to us (the router holds the request paused till now).
        RequestBody.read(request, bodyLimit)
                .onComplete(
                        read -> serve(request, read, pathModel, caller), failure -> fail(request.response(), failure));
        request.resume();
    }

    /** Answers with an error in this operation's API shape (a refused key, a body too large). */
    void fail(HttpServerResponse response, Throwable failure) {
        api.fail(response, failure);
    }

    /** Serves one call whose caller is known and whose body has been read; every failure is answered here. */
    void serve(HttpServerRequest client, Buffer body, String pathModel, Caller caller) {
        HttpServerResponse response = client.response();
        LlmRequest parsed;
        try {
            parsed = api.parse(endpoint, client, body, pathModel);
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            response.putHeader(CALL_ID, parsed.callId());
            if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
                parsed = parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), KeyGrants.of(holder));
            }
        } catch (GatewayException invalid) {
            api.fail(response, invalid);
            return;
        }
        api.prepare(parsed, caller)
                .onComplete(ready -> route(ready, response, caller), failure -> api.fail(response, failure));
    }

    private void route(LlmRequest request, HttpServerResponse response, Caller caller) {
        response.closeHandler(v -> request.cancellation().cancel());
        BusContract.request(bus, Addresses.ROUTER, request, routerBudget, RoutedReply.class)
                .onSuccess(routed -> {
                    if (response.closed()) {
                        if (routed.reply() instanceof ProviderReply.Streaming streaming) {
                            streaming.stream().cancel();
                        }
                        return;
                    }
                    api.write(request, routed, response, caller);
                })
                .onFailure(failure -> {
                    if (!response.closed()) {
                        api.fail(response, failure);
                    }
                });
    }
}
