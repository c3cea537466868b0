package dev.junction.router;

import dev.junction.cluster.bus.Addresses;
import dev.junction.cluster.bus.LlmRequest;
import dev.junction.cluster.bus.ProviderCall;
import dev.junction.cluster.bus.RoutedReply;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.router.fallback.FallbackPlan;
import dev.junction.router.fallback.FallbackTarget;
import dev.junction.router.limit.RateLimitHeaders;
import dev.junction.router.resolve.ModelResolver;
import dev.junction.router.resolve.Resolution;
import dev.junction.router.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final Supplier<ModelResolver> resolver;
    private final GroupCall groups;
    private final FallbackPlan fallbacks;
    private final TokenCounter tokens;
    private final boolean countTokens;

    /** @param resolver the resolver of the deployments served now (the model API changes them) */
    RequestRouter(
            Supplier<ModelResolver> resolver,
            GroupCall groups,
            FallbackPlan fallbacks,
            TokenCounter tokens,
            boolean countTokens) {
        this.resolver = resolver;
        this.groups = groups;
        this.fallbacks = fallbacks;
        this.tokens = tokens;
        this.countTokens = countTokens;
    }

    public Future<RoutedReply> route(LlmRequest request) {
        FallbackPlan plan;
        try {
            plan = fallbacks.forRequest(request.body());
        } catch (GatewayException invalid) {
            return Future.failedFuture(invalid);
        }
        return inGroup(request, request.model(), plan, 0);
    }

    private Future<RoutedReply> inGroup(LlmRequest request, String model, FallbackPlan plan, int depth) {
        ModelResolver served = resolver.get();
        Resolution resolution = served.resolve(model).orElse(null);
        if (resolution == null) {
            return Future.failedFuture(served.unservedProvider(model)
                    .map(provider -> RoutingErrors.unsupportedProvider(model, provider))
                    .orElseGet(() -> unknownModel(request, model)));
        }
        long inputTokens = countTokens
                ? tokens.countRequest(resolution.deployments().get(0).upstreamModel(), request.body())
                : 0;
        Future<GroupCall.Answer> answer = mockFallbackError(request, resolution)
                .map(Future::<GroupCall.Answer>failedFuture)
                .orElseGet(() -> groups.call(resolution, request, inputTokens, plan));
        return answer.map(done -> reply(done, resolution, depth))
                .recover(failure -> fallBack(request, resolution, plan, depth, GatewayException.from(failure)));
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

    private Future<RoutedReply> fallBack(
            LlmRequest request, Resolution resolution, FallbackPlan plan, int depth, GatewayException error) {
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
        return tryTargets(request, plan, depth, targets, 0, error);
    }

    /** Tries the fallback groups in order; each counts one level of depth, as in LiteLLM. */
    private Future<RoutedReply> tryTargets(
            LlmRequest request,
            FallbackPlan plan,
            int depth,
            List<FallbackTarget> targets,
            int index,
            GatewayException lastError) {
        if (index >= targets.size() || depth + index >= plan.maxFallbacks()) {
            return Future.failedFuture(lastError);
        }
        FallbackTarget target = targets.get(index);
        LlmRequest fallbackRequest = forFallback(request, target);
        return inGroup(fallbackRequest, target.model(), plan, depth + index + 1)
                .recover(failure ->
                        tryTargets(request, plan, depth, targets, index + 1, GatewayException.from(failure)));
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

    private RoutedReply reply(GroupCall.Answer answer, Resolution resolution, int depth) {
        Map<String, String> headers = new HashMap<>();
        // LiteLLM sends the budget (num_retries after any retry policy), not the retries made, and only after a retry.
        if (answer.retries() > 0) {
            headers.put("x-litellm-max-retries", Integer.toString(answer.maxRetries()));
        }
        RateLimitHeaders.of(
                        resolution.deployments(),
                        new StateStats(Map.of(
                                answer.attempt().deployment().id(),
                                answer.attempt().admission().usage())))
                .asMap()
                .forEach(headers::put);
        return new RoutedReply(
                answer.reply(),
                answer.attempt().deployment(),
                resolution.modelGroup(),
                answer.retries(),
                depth,
                answer.upstreamNanos(),
                headers);
    }

    /** Mock answers never touch the network, whatever provider the deployment names. */
    static String providerAddress(ProviderCall call) {
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
