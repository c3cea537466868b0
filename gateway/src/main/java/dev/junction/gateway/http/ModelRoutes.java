package dev.junction.gateway.http;

import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.ModelAccess;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * The model listings, each scoped to the caller: a virtual key sees only the names it may call ({@code
 * /models}) and the model groups its calls may reach, by name or through its team's or its own aliases
 * ({@code /model/info}, {@code /model_group/info}); the master key, or anyone on an open gateway, sees all.
 */
final class ModelRoutes {
    private final ModelCatalog catalog;
    private final ModelAccess access;

    private ModelRoutes(ModelCatalog catalog, ModelAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    /** {@code /models}, {@code /model/info} and {@code /model_group/info}, with and without {@code /v1}. */
    static void mount(Router router, ModelCatalog catalog, ModelAccess access) {
        ModelRoutes routes = new ModelRoutes(catalog, access);
        for (String prefix : new String[] {"", "/v1"}) {
            router.get(prefix + "/models").handler(routes::models);
            router.get(prefix + "/model/info").handler(routes::modelInfo);
            router.get(prefix + "/model_group/info").handler(routes::modelGroupInfo);
        }
    }

    /** The names the caller may put in {@code model}. */
    private void models(RoutingContext ctx) {
        Predicate<String> callable = AuthHandler.caller(ctx) instanceof Caller.KeyHolder holder
                ? model -> access.allows(holder, model)
                : model -> true;
        json(ctx, catalog.models(callable).encode());
    }

    /** {@code ?litellm_model_id=} (the {@code x-litellm-model-id} of an answer) asks for that deployment only. */
    private void modelInfo(RoutingContext ctx) {
        json(
                ctx,
                catalog.modelInfo(reachableBy(ctx), ctx.queryParams().get("litellm_model_id"))
                        .encode());
    }

    /** {@code ?model_group=} asks for that group only. */
    private void modelGroupInfo(RoutingContext ctx) {
        json(
                ctx,
                catalog.modelGroupInfo(reachableBy(ctx), ctx.queryParams().get("model_group"))
                        .encode());
    }

    /** The model groups the caller's calls may reach. */
    private Predicate<String> reachableBy(RoutingContext ctx) {
        if (AuthHandler.caller(ctx) instanceof Caller.KeyHolder holder) {
            return group -> access.reaches(holder, group);
        }
        return group -> true;
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("content-type", "application/json").end(body);
    }
}
