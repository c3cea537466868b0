package dev.junction.router;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.ProviderReply;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.Deployment;
import dev.junction.router.fallback.FallbackPlan;
import dev.junction.router.fallback.FallbackTarget;
import dev.junction.router.limit.DeploymentLimits;
import dev.junction.router.limit.RateLimitHeaders;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.stream.ContinuedStream;
import dev.junction.router.stream.NextChoice;
import dev.junction.router.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Routes one request the way LiteLLM's router does: resolve the name, call the group with its retries, and
 * when that fails, walk the fallback groups (each with its own retries and fallbacks) up to {@code
 * max_fallbacks} deep.
 */
public final class RequestRouter {
    private static final List<String> MOCK_FALLBACK_FLAGS = List.of(
            "mock_testing_fallbacks",
            "mock_testing_context_fallbacks",
            "mock_testing_context_window_fallbacks",
            "mock_testing_content_policy_fallbacks");

    private final Vertx vertx;
    private final Supplier<ModelResolver> resolver;
    private final GroupCall groups;
    private final FallbackPlan fallbacks;
    private final TokenCounter tokens;
    private final boolean countTokens;
    private final boolean continueStreams;

    /** @param resolver the resolver of the deployments served now (the model API changes them) */
    RequestRouter(
            Vertx vertx,
            Supplier<ModelResolver> resolver,
            GroupCall groups,
            FallbackPlan fallbacks,
            TokenCounter tokens,
            boolean countTokens,
            boolean continueStreams) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.groups = groups;
        this.fallbacks = fallbacks;
        this.tokens = tokens;
        this.countTokens = countTokens;
        this.continueStreams = continueStreams;
    }

    public Future<RoutedReply> route(LlmRequest request) {
        FallbackPlan plan;
        try {
            plan = fallbacks.forRequest(request.body());
        } catch (GatewayException invalid) {
            return Future.failedFuture(invalid);
        }
        CallState state = new CallState();
        return inGroup(request, request.model(), plan, 0, state).map(routed -> reply(request, routed, state));
    }

    /**
     * A group's answer and where it was found, with what the router does next should the answer, a stream,
     * break midway (null when nothing).
     */
    private record Routed(
            GroupCall.Answer answer,
            Resolution resolution,
            int depth,
            Function<GatewayException, Future<Routed>> next) {

        /** This answer, and should it break and its group's own next choices fail, {@code alternative}. */
        Routed orElse(Function<GatewayException, Future<Routed>> alternative) {
            if (next == null) {
                return this;
            }
            return new Routed(answer, resolution, depth, failure -> next.apply(failure)
                    .map(routed -> routed.orElse(alternative))
                    .recover(error -> alternative.apply(GatewayException.from(error))));
        }
    }

    private Future<Routed> inGroup(LlmRequest request, String model, FallbackPlan plan, int depth, CallState state) {
        ModelResolver served = resolver.get();
        Resolution resolution = served.resolve(model).orElse(null);
        if (resolution == null) {
            return Future.failedFuture(served.unservedProvider(model)
                    .map(provider -> RoutingErrors.unsupportedProvider(model, provider))
                    .orElseGet(() -> unknownModel(request, model)));
        }
        long inputTokens = countTokens || anyTpmLimit(resolution)
                ? tokens.countRequest(resolution.deployments().get(0).upstreamModel(), request.body())
                : 0;
        Future<GroupCall.Answer> answer = mockFallbackError(request, resolution)
                .map(Future::<GroupCall.Answer>failedFuture)
                .orElseGet(() -> groups.call(resolution, request, inputTokens, plan, state));
        return settle(answer, request, resolution, plan, depth, state);
    }

    /** A group with a tpm limit needs the prompt's tokens before the call, whatever the config file held. */
    private static boolean anyTpmLimit(Resolution resolution) {
        for (Deployment deployment : resolution.deployments()) {
            if (DeploymentLimits.of(deployment).tpm().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The group's answer; or, when it failed, its fallbacks' (the same should a stream of it break later). */
    private Future<Routed> settle(
            Future<GroupCall.Answer> answer,
            LlmRequest request,
            Resolution resolution,
            FallbackPlan plan,
            int depth,
            CallState state) {
        return answer.map(done -> new Routed(
                        done,
                        resolution,
                        depth,
                        done.next() == null
                                ? null
                                : failure ->
                                        settle(done.next().apply(failure), request, resolution, plan, depth, state)))
                .recover(failure -> fallBack(request, resolution, plan, depth, GatewayException.from(failure), state));
    }

    /** LiteLLM's testing switches fail the first group before any call, so that the fallbacks run for real. */
    private static java.util.Optional<GatewayException> mockFallbackError(LlmRequest request, Resolution resolution) {
        JsonObject body = request.body();
        String group = resolution.modelGroup();
        if (RequestFlags.isSet(body, "mock_testing_fallbacks")) {
            return java.util.Optional.of(RoutingErrors.mock(ErrorKind.INTERNAL, group));
        }
        if (RequestFlags.isSet(body, "mock_testing_context_fallbacks")
                || RequestFlags.isSet(body, "mock_testing_context_window_fallbacks")) {
            return java.util.Optional.of(RoutingErrors.mock(ErrorKind.CONTEXT_WINDOW_EXCEEDED, group));
        }
        if (RequestFlags.isSet(body, "mock_testing_content_policy_fallbacks")) {
            return java.util.Optional.of(RoutingErrors.mock(ErrorKind.CONTENT_POLICY_VIOLATION, group));
        }
        return java.util.Optional.empty();
    }

    private Future<Routed> fallBack(
            LlmRequest request,
            Resolution resolution,
            FallbackPlan plan,
            int depth,
            GatewayException error,
            CallState state) {
        boolean keyForbids = request.grant() != null && request.grant().disableFallbacks();
        if (keyForbids || RequestFlags.isSet(request.body(), "disable_fallbacks") || depth >= plan.maxFallbacks()) {
            return Future.failedFuture(error);
        }
        List<FallbackTarget> targets = plan.targetsFor(error.kind(), resolution.modelGroup()).stream()
                .filter(target -> !target.model().equals(resolution.modelGroup()))
                .toList();
        if (targets.isEmpty()) {
            return Future.failedFuture(error);
        }
        return tryTargets(request, plan, depth, targets, 0, error, state);
    }

    /** Tries the fallback groups in order; each counts one level of depth, as in LiteLLM. */
    private Future<Routed> tryTargets(
            LlmRequest request,
            FallbackPlan plan,
            int depth,
            List<FallbackTarget> targets,
            int index,
            GatewayException lastError,
            CallState state) {
        if (index >= targets.size() || depth + index >= plan.maxFallbacks()) {
            return Future.failedFuture(lastError);
        }
        FallbackTarget target = targets.get(index);
        LlmRequest fallbackRequest = forFallback(request, target);
        Function<GatewayException, Future<Routed>> nextTarget =
                failure -> tryTargets(request, plan, depth, targets, index + 1, failure, state);
        request.observation().fallbackStarted(request.model(), target.model(), lastError);
        return inGroup(fallbackRequest, target.model(), plan, depth + index + 1, state)
                .onComplete(done -> request.observation().fallbackEnded(target.model(), done.succeeded()))
                .map(routed -> routed.orElse(nextTarget))
                .recover(failure -> nextTarget.apply(GatewayException.from(failure)));
    }

    /** The request as sent to a fallback: its overrides applied, the testing switches spent. */
    private static LlmRequest forFallback(LlmRequest request, FallbackTarget target) {
        Map<String, Object> fields = new LinkedHashMap<>(request.body().getMap());
        MOCK_FALLBACK_FLAGS.forEach(fields::remove);
        if (target.overrides() != null) {
            fields.putAll(target.overrides().getMap());
        }
        fields.put("model", target.model());
        return request.withBody(target.model(), new JsonObject(fields));
    }

    private RoutedReply reply(LlmRequest request, Routed routed, CallState state) {
        GroupCall.Answer answer = routed.answer();
        Map<String, String> headers = new HashMap<>();
        // LiteLLM sends the budget (num_retries after any retry policy), not the retries made, and only after a retry.
        if (answer.retries() > 0) {
            headers.put("x-litellm-max-retries", Integer.toString(answer.maxRetries()));
        }
        RateLimitHeaders.of(
                        routed.resolution().deployments(),
                        new StateStats(Map.of(
                                answer.attempt().deployment().id(),
                                answer.attempt().admission().usage())))
                .asMap()
                .forEach(headers::put);
        ProviderReply payload = answer.segment() == null
                ? answer.reply()
                : new ProviderReply.Streaming(
                        new ContinuedStream(vertx, answer.segment(), continuation(request, routed.next(), state)));
        return new RoutedReply(
                payload,
                answer.attempt().deployment(),
                routed.resolution().modelGroup(),
                state.retries(),
                routed.depth(),
                answer.upstreamNanos(),
                headers);
    }

    /** What a broken stream asks for a continuation, or null when streams are not continued. */
    private NextChoice continuation(
            LlmRequest request, Function<GatewayException, Future<Routed>> next, CallState state) {
        if (next == null || !continueStreams || request.endpoint() != Endpoint.CHAT_COMPLETIONS) {
            return null;
        }
        return (failure, streamed) -> {
            state.continueAfter(streamed);
            return next.apply(failure)
                    .compose(routed -> routed.answer().segment() == null
                            ? Future.failedFuture(failure)
                            : Future.succeededFuture(new NextChoice.Choice(
                                    routed.answer().segment(), continuation(request, routed.next(), state))));
        };
    }

    /** Mock answers never touch the network, whatever provider the deployment names. */
    public static String providerAddress(ProviderCall call) {
        boolean mocked = call.request().body().containsKey("mock_response")
                || call.deployment().mockResponse().isPresent();
        return mocked
                ? Addresses.MOCK_PROVIDER
                : Addresses.provider(call.deployment().family());
    }

    private static GatewayException unknownModel(LlmRequest request, String model) {
        return GatewayException.of(
                        ErrorKind.INVALID_MODEL,
                        "/" + request.endpoint().path() + ": Invalid model name passed in model=" + model
                                + ". Call `/v1/models` to view available models for your key.")
                .withParam("model");
    }
}
