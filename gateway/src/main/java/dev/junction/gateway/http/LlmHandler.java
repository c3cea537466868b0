package dev.junction.gateway.http;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.RouterSettings;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.EndUserLimits;
import dev.junction.gateway.keys.EndUsers;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.ModelAccess;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Serves an operation: parse at the edge, find the request's end user, hand over to the router, write what
 * comes back, in its API's format. An OpenAI chat whose {@code model} lists several models ({@code "a,b"}) is
 * LiteLLM's batch completion ({@link BatchCompletions}).
 */
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
    private final EndUsers endUsers;
    private final LlmAccess controls;

    LlmHandler(
            Endpoint endpoint,
            InboundApi api,
            EventBus bus,
            RouterSettings settings,
            ModelAccess access,
            LlmAccess controls,
            EndUsers endUsers) {
        this.controls = controls;
        this.endpoint = endpoint;
        this.access = access;
        this.api = api;
        this.bus = bus;
        this.endUsers = endUsers;
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
        LlmRequest parsed;
        Caller caller;
        try {
            parsed = api.parse(endpoint, client, body, pathModel);
            parsed = CacheControlHeader.apply(parsed, client.getHeader(HttpHeaders.CACHE_CONTROL));
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            client.response().putHeader(CALL_ID, parsed.callId());
            exchange.model(parsed.model());
            caller = controls.admit(exchange, authenticated, parsed.model(), parsed.body());
            if (isBatch(parsed)) {
                BatchCompletions.check(parsed);
            } else if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
            }
            controls.hold(exchange);
        } catch (GatewayException invalid) {
            fail(client, invalid);
            return;
        }
        // Every API's request names its end user as the chat's "user" once translated.
        String endUser = parsed.body().getValue("user") instanceof String user && !user.isBlank() ? user : null;
        if (endUser == null) {
            dispatch(client, parsed, caller, null);
            return;
        }
        LlmRequest request = parsed;
        endUsers.of(endUser)
                .onComplete(
                        found -> dispatch(client, request, caller, found.orElse(null)),
                        failure -> fail(client, failure));
    }

    /** Batch completions are OpenAI's chat only: the other APIs have no answer shape for a list. */
    private boolean isBatch(LlmRequest parsed) {
        return api instanceof OpenAiApi && BatchCompletions.isBatch(endpoint, parsed);
    }

    private void dispatch(HttpServerRequest client, LlmRequest parsed, Caller caller, EndUserLimits endUser) {
        if (isBatch(parsed)) {
            BatchCompletions.serve(parsed, client, model -> {
                LlmRequest one = parsed.withModel(model);
                if (caller instanceof Caller.KeyHolder holder) {
                    try {
                        access.check(holder, model, one.body());
                    } catch (GatewayException denied) {
                        return Future.failedFuture(denied);
                    }
                }
                return toRouter(forCaller(one, caller, endUser));
            });
            return;
        }
        api.prepare(forCaller(parsed, caller, endUser), caller)
                .onComplete(ready -> route(ready, client, caller), failure -> fail(client, failure));
    }

    private void route(LlmRequest request, HttpServerRequest client, Caller caller) {
        HttpServerResponse response = client.response();
        response.closeHandler(v -> request.cancellation().cancel());
        toRouter(request)
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

    /** The request as the router gets it (its model access already checked): aliases applied, limits attached. */
    private static LlmRequest forCaller(LlmRequest parsed, Caller caller, EndUserLimits endUser) {
        KeyGrant grant = KeyGrants.of(caller, endUser);
        if (caller instanceof Caller.KeyHolder holder) {
            return parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), grant);
        }
        return grant == null ? parsed : parsed.forKey(parsed.model(), grant);
    }

    private Future<RoutedReply> toRouter(LlmRequest request) {
        return BusContract.request(bus, Addresses.ROUTER, request, routerBudget, RoutedReply.class);
    }
}
