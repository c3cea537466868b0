package dev.junction.gateway.http;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.BusContract;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.KeyGrant;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.observe.CallObservation;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves an operation: parse at the edge, find the request's end user, hand over to the router, write what
 * comes back, in its API's format. An OpenAI chat whose {@code model} lists several models ({@code "a,b"}) is
 * LiteLLM's batch completion ({@link BatchCompletions}).
 */
final class LlmHandler implements Handler<RoutingContext> {
    /** Made once: it carries its hash, which a String name would compute again on every request. */
    static final CharSequence CALL_ID = HttpHeaders.createOptimized("x-litellm-call-id");

    private static final GatewayException CLIENT_GONE =
            GatewayException.of(ErrorKind.CLIENT_CLOSED, "client closed the request before the answer");

    /**
     * The router answers within the request's own timeouts (and their retries); this bound only keeps a
     * request from waiting forever if the router never answered.
     */
    /** The router settings served now (they change through {@code /config/update}): its timeout bounds the wait. */
    private final Supplier<RouterSettings> settings;

    private final Endpoint endpoint;
    private final InboundApi api;
    private final EventBus bus;
    private final ModelAccess access;
    private final EndUsers endUsers;
    private final LlmAccess controls;
    private final ObservedCalls observed;

    LlmHandler(
            Endpoint endpoint,
            InboundApi api,
            EventBus bus,
            Supplier<RouterSettings> settings,
            ModelAccess access,
            LlmAccess controls,
            EndUsers endUsers,
            ObservedCalls observed) {
        this.controls = controls;
        this.endpoint = endpoint;
        this.access = access;
        this.observed = observed;
        this.api = api;
        this.bus = bus;
        this.endUsers = endUsers;
        this.settings = settings;
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
        CallObservation observation = observed.open(client, authenticated);
        LlmRequest parsed = null;
        boolean batch = false;
        Caller caller;
        try {
            parsed = api.parse(endpoint, client, body, pathModel);
            parsed = CacheControlHeader.apply(parsed, client.getHeader(HttpHeaders.CACHE_CONTROL));
            if (settings.get().merged().getBoolean("enable_tag_filtering", false)) {
                // Tag routing's tag_regex patterns read the client's User-Agent from the metadata.
                parsed = UserAgentMetadata.apply(parsed, client.getHeader(HttpHeaders.USER_AGENT));
            }
            // Set once parsed, so that every answer carries it, a refused key's included; the writer leaves it be.
            client.response().putHeader(CALL_ID, parsed.callId());
            batch = isBatch(parsed);
            if (!batch) {
                // A batch's calls are observed one by one once dispatched, each with its own model.
                observation.parsed(parsed);
            }
            exchange.model(parsed.model());
            caller = controls.admit(exchange, authenticated, parsed.model(), parsed.body());
            if (batch) {
                BatchCompletions.check(parsed);
            } else if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, parsed.model(), parsed.body());
            }
            controls.hold(exchange);
        } catch (GatewayException invalid) {
            failedWhole(client, observation, batch ? parsed : null, invalid);
            return;
        }
        // Every API's request names its end user as the chat's "user" once translated.
        String endUser = parsed.body().getValue("user") instanceof String user && !user.isBlank() ? user : null;
        if (endUser == null) {
            dispatch(client, parsed, caller, null, observation);
            return;
        }
        LlmRequest request = parsed;
        LlmRequest unobservedBatch = batch ? parsed : null;
        endUsers.of(endUser)
                .onComplete(
                        found -> dispatch(client, request, caller, found.orElse(null), observation),
                        failure -> failedWhole(client, observation, unobservedBatch, failure));
    }

    /** A request refused as a whole; a batch refused so is observed as the one call it then is. */
    private void failedWhole(
            HttpServerRequest client, CallObservation observation, LlmRequest unobservedBatch, Throwable failure) {
        if (unobservedBatch != null) {
            observation.parsed(unobservedBatch);
        }
        failed(client, observation, failure);
    }

    /** Batch completions are OpenAI's chat only: the other APIs have no answer shape for a list. */
    private boolean isBatch(LlmRequest parsed) {
        return api instanceof OpenAiApi && BatchCompletions.isBatch(endpoint, parsed);
    }

    private void dispatch(
            HttpServerRequest client,
            LlmRequest parsed,
            Caller caller,
            EndUserLimits endUser,
            CallObservation observation) {
        if (isBatch(parsed)) {
            // Each model's call is a call of its own for the observers, as for limits, spend and spend logs: the
            // first is followed by the request's observation, each other by one opened for it.
            List<CallObservation> observations = new ArrayList<>();
            BatchCompletions.serve(parsed, client, model -> {
                CallObservation own = observations.isEmpty() ? observation : observed.open(client, caller);
                observations.add(own);
                return batchPart(parsed.withModel(model), caller, endUser, own);
            });
            return;
        }
        api.prepare(forCaller(parsed, caller, endUser), caller)
                .onComplete(
                        ready -> route(observed(ready, observation), client, caller),
                        failure -> failed(client, observation, failure));
    }

    /** One model's call of a batch, observed by {@code observation} from its parsing to its end. */
    private Future<RoutedReply> batchPart(
            LlmRequest one, Caller caller, EndUserLimits endUser, CallObservation observation) {
        observation.parsed(one);
        Future<RoutedReply> part;
        try {
            if (caller instanceof Caller.KeyHolder holder) {
                access.check(holder, one.model(), one.body());
            }
            part = toRouter(observed(forCaller(one, caller, endUser), observation));
        } catch (GatewayException denied) {
            part = Future.failedFuture(denied);
        }
        // Told before the batch's answer is written, which waits for every part (BatchCompletions.serve).
        part.onComplete(done -> observed.partEnded(observation, done));
        return part;
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
        toRouter(request)
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

    /** The request as the router gets it (its model access already checked): aliases applied, limits attached. */
    private static LlmRequest forCaller(LlmRequest parsed, Caller caller, EndUserLimits endUser) {
        KeyGrant grant = KeyGrants.of(caller, endUser);
        if (caller instanceof Caller.KeyHolder holder) {
            return parsed.forKey(ModelAccess.rewrite(holder, parsed.model()), grant);
        }
        return grant == null ? parsed : parsed.forKey(parsed.model(), grant);
    }

    private Future<RoutedReply> toRouter(LlmRequest request) {
        return BusContract.request(bus, Addresses.ROUTER, request, routerBudget(), RoutedReply.class);
    }

    private Duration routerBudget() {
        return settings.get().timeout().multipliedBy(4);
    }
}
