package dev.junction.gateway.admin;

import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.models.ConfigChanges;
import dev.junction.gateway.models.ModelChanges;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Function;

/**
 * LiteLLM's model API for the master key: {@code /model/new}, {@code /model/update} (and {@code PATCH
 * /model/{id}/update}), {@code /model/delete}. Each answers once every cluster member serves the change, or
 * reports the members that did not confirm it in time ({@code propagation}). {@code POST /config/update} changes
 * the router settings the same way.
 */
public final class ModelAdmin {
    private static final Map<String, FieldType> ENTRY = Map.of(
            "model_name", FieldType.STRING,
            "litellm_params", FieldType.OBJECT,
            "model_info", FieldType.OBJECT);
    private static final Map<String, FieldType> DELETE = Map.of("id", FieldType.STRING);
    /** LiteLLM's {@code ConfigYAML}; only the router settings can change at run time (see ConfigChanges). */
    private static final Map<String, FieldType> CONFIG = Map.of(
            "router_settings", FieldType.OBJECT,
            "litellm_settings", FieldType.OBJECT,
            "general_settings", FieldType.OBJECT,
            "environment_variables", FieldType.OBJECT,
            "model_list", FieldType.LIST);

    private ModelAdmin() {}

    public static void mount(
            Router router, ModelChanges changes, ConfigChanges config, Function<RoutingContext, Caller> callerOf) {
        router.post("/model/new").handler(AdminRoutes.adminOnly(callerOf));
        router.post("/model/update").handler(AdminRoutes.adminOnly(callerOf));
        router.patch("/model/:model_id/update").handler(AdminRoutes.adminOnly(callerOf));
        router.post("/model/delete").handler(AdminRoutes.adminOnly(callerOf));
        router.post("/model/new").handler(ctx -> answer(ctx, changes.add(body(ctx, ENTRY))));
        router.post("/model/update").handler(ctx -> answer(ctx, changes.update(body(ctx, ENTRY))));
        router.patch("/model/:model_id/update").handler(ctx -> {
            JsonObject patch = body(ctx, ENTRY);
            JsonObject info = patch.getJsonObject("model_info", new JsonObject());
            patch.put("model_info", info.put("id", ctx.pathParam("model_id")));
            answer(ctx, changes.update(patch));
        });
        router.post("/model/delete").handler(ctx -> answer(ctx, changes.delete(body(ctx, DELETE))));
        router.post("/config/update").handler(AdminRoutes.adminOnly(callerOf));
        router.post("/config/update").handler(ctx -> answer(ctx, config.update(body(ctx, CONFIG))));
    }

    private static JsonObject body(RoutingContext ctx, Map<String, FieldType> fields) {
        return AdminRequest.parse(ctx.body().buffer(), fields).body();
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(done.result().encode());
            } else {
                ctx.fail(AdminCalls.storeError(done.cause()));
            }
        });
    }
}
