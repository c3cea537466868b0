package dev.junction.gateway.http;

import dev.junction.cluster.bus.Endpoint;
import dev.junction.cluster.responses.ResponseStore;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.keys.EndUsers;
import dev.junction.gateway.keys.ModelAccess;
import dev.junction.gateway.surface.messages.CountTokens;
import dev.junction.gateway.surface.messages.MessagesApi;
import dev.junction.gateway.surface.responses.ResponsesApi;
import dev.junction.gateway.surface.responses.ResponsesRoutes;
import dev.junction.router.resolve.LiveDeployments;
import dev.junction.router.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which API serves which path: OpenAI's operations at their paths (with and without {@code /v1}, and
 * Azure-style with the model in the path), Anthropic's Messages API at {@code /v1/messages} (and its token
 * count), OpenAI's Responses API at {@code /v1/responses} (and its stored responses by id).
 */
final class InboundRoutes {
    private static final List<String> MESSAGES_PATHS = List.of("/v1/messages");
    private static final List<String> RESPONSES_PATHS = List.of("/v1/responses", "/responses");

    private final Map<String, LlmHandler> byPath = new HashMap<>();
    private final Map<Endpoint, LlmHandler> byEndpoint = new HashMap<>();
    private final MessagesApi messages;
    private final CountTokens countTokens;
    private final ResponsesRoutes responses;

    /**
     * @param deployments those served now, for {@code count_tokens}: the config's and the model API's
     * @param controls the access controls every LLM request meets once parsed
     */
    InboundRoutes(
            JunctionConfig config,
            LiveDeployments deployments,
            RequestParser parser,
            EventBus bus,
            ModelAccess access,
            LlmAccess controls,
            ResponseStore store,
            EndUsers endUsers,
            ObservedCalls observed) {
        OpenAiApi openAi = new OpenAiApi(parser);
        for (Endpoint endpoint : Endpoint.values()) {
            LlmHandler handler =
                    new LlmHandler(endpoint, openAi, bus, deployments::router, access, controls, endUsers, observed);
            byEndpoint.put(endpoint, handler);
            pathsOf(endpoint).forEach(path -> byPath.put(path, handler));
        }
        messages = new MessagesApi(parser);
        LlmHandler messagesHandler = new LlmHandler(
                Endpoint.CHAT_COMPLETIONS, messages, bus, deployments::router, access, controls, endUsers, observed);
        MESSAGES_PATHS.forEach(path -> byPath.put(path, messagesHandler));
        ResponsesApi responsesApi = new ResponsesApi(parser, store);
        LlmHandler responsesHandler = new LlmHandler(
                Endpoint.CHAT_COMPLETIONS,
                responsesApi,
                bus,
                deployments::router,
                access,
                controls,
                endUsers,
                observed);
        RESPONSES_PATHS.forEach(path -> byPath.put(path, responsesHandler));
        responses = responsesApi.routes();
        countTokens = new CountTokens(parser, deployments::resolver, TokenCounter.load(), access);
    }

    /** An operation's fixed paths: OpenAI's, with and without {@code /v1}; rerank also at Cohere's {@code /v2}. */
    static List<String> pathsOf(Endpoint endpoint) {
        String path = endpoint.path();
        return endpoint == Endpoint.RERANK
                ? List.of("/" + path, "/v1/" + path, "/v2/" + path)
                : List.of("/" + path, "/v1/" + path);
    }

    /** The POST paths served straight from the HTTP server when they match exactly. */
    Map<String, LlmHandler> direct() {
        return Map.copyOf(byPath);
    }

    /**
     * The same handlers on the router, for the variants of those paths (a trailing slash), the Azure-style paths
     * that carry the model, and the routes that are not model calls.
     */
    void mount(Router router) {
        byPath.forEach((path, handler) -> router.post(path).handler(handler));
        byEndpoint.forEach((endpoint, handler) -> {
            router.post("/openai/deployments/:model/" + endpoint.path()).handler(handler);
            router.post("/engines/:model/" + endpoint.path()).handler(handler);
        });
        for (String path : MESSAGES_PATHS) {
            // Anthropic clients read errors in Anthropic's shape, a refused key's or body's included.
            router.route(path).failureHandler(ctx -> HttpVerticle.answerFailure(ctx, messages.errorShape()));
            router.route(path + "/count_tokens")
                    .failureHandler(ctx -> HttpVerticle.answerFailure(ctx, messages.errorShape()));
            router.post(path + "/count_tokens").handler(this::countTokens);
        }
        for (String path : RESPONSES_PATHS) {
            router.get(path + "/:id").handler(ctx -> byId(ctx, responses::get));
            router.delete(path + "/:id").handler(ctx -> byId(ctx, responses::delete));
        }
    }

    private void countTokens(RoutingContext ctx) {
        JsonObject counted;
        try {
            counted = countTokens.count(ctx.body().buffer(), AuthHandler.caller(ctx));
        } catch (RuntimeException invalid) {
            ctx.fail(invalid);
            return;
        }
        ctx.response().putHeader("content-type", "application/json").end(counted.toBuffer());
    }

    private static void byId(
            RoutingContext ctx, BiFunction<String, dev.junction.gateway.keys.Caller, Future<JsonObject>> action) {
        action.apply(ctx.pathParam("id"), AuthHandler.caller(ctx))
                .onComplete(
                        found -> ctx.response()
                                .putHeader("content-type", "application/json")
                                .end(found.toBuffer()),
                        ctx::fail);
    }
}
