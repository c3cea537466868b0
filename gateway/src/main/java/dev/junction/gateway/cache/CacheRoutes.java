package dev.junction.gateway.cache;

import dev.junction.cluster.cache.CachedAnswer;
import dev.junction.cluster.cache.ResponseStore;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.CacheSettings;
import dev.junction.gateway.keys.Caller;
import dev.junction.router.cache.CacheStores;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * LiteLLM's cache routes, for the master key only: {@code GET /cache/ping} (a real write and read through the
 * store), {@code POST /cache/delete} with {@code {"keys": [...]}} (the {@code x-litellm-cache-key} values of
 * answers), and {@code POST /cache/flushall}. With the cluster cache they act on every node's entries.
 */
public final class CacheRoutes {
    private static final Duration PING_TTL = Duration.ofSeconds(10);

    private final CacheSettings settings;
    private final CacheStores stores;

    private CacheRoutes(CacheSettings settings, CacheStores stores) {
        this.settings = settings;
        this.stores = stores;
    }

    public static void mount(
            Router router, CacheSettings settings, CacheStores stores, Function<RoutingContext, Caller> callerOf) {
        CacheRoutes routes = new CacheRoutes(settings, stores);
        router.route("/cache/*").handler(ctx -> {
            if (callerOf.apply(ctx) instanceof Caller.Admin) {
                ctx.next();
            } else {
                ctx.fail(GatewayException.of(
                        ErrorKind.AUTHENTICATION,
                        "Authentication Error, only the master key can call "
                                + ctx.request().path()));
            }
        });
        router.get("/cache/ping").handler(routes::ping);
        router.post("/cache/delete").handler(routes::delete);
        router.post("/cache/flushall").handler(routes::flushAll);
    }

    private ResponseStore store() {
        if (stores.answers() == null) {
            throw GatewayException.of(ErrorKind.SERVICE_UNAVAILABLE, "Cache not initialized. litellm.cache is None");
        }
        return stores.answers();
    }

    private void ping(RoutingContext ctx) {
        ResponseStore store = store();
        String probe = "junction-cache-ping:" + UUID.randomUUID();
        CachedAnswer written = new CachedAnswer("{}".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), "");
        Future<JsonObject> answer = store.put(probe, written, PING_TTL)
                .compose(v -> store.get(probe))
                .compose(read -> store.delete(List.of(probe)).compose(v -> {
                    if (read == null) {
                        return Future.failedFuture(GatewayException.of(
                                ErrorKind.SERVICE_UNAVAILABLE,
                                "Service Unhealthy (an entry written was not read back)"));
                    }
                    return store.size(); // the probe gone, so the count is the answers'
                }))
                .map(entries -> new JsonObject()
                        .put("status", "healthy")
                        .put("cache_type", settings.type())
                        .put("ping_response", true)
                        .put("set_cache_response", "success")
                        .put("litellm_cache_params", params())
                        .put(
                                "junction_cache",
                                new JsonObject()
                                        .put(
                                                "store",
                                                settings.store() == CacheSettings.Store.CLUSTER ? "cluster" : "local")
                                        .put("entries", entries)
                                        .put("max_size_mb_per_node", settings.maxBytesPerNode() / (1024.0 * 1024.0))));
        answer(ctx, answer);
    }

    /** LiteLLM's {@code /cache/ping} shows its cache object's settings as strings, Python-style. */
    private JsonObject params() {
        return new JsonObject()
                .put("type", settings.type())
                .put("mode", settings.defaultOff() ? "default_off" : "default_on")
                .put("namespace", String.valueOf(settings.namespace()).replace("null", "None"))
                .put(
                        "ttl",
                        settings.ttl() == null
                                ? "None"
                                : Double.toString(settings.ttl().toMillis() / 1000.0))
                .put("supported_call_types", "['" + String.join("', '", new TreeSet<>(settings.callTypes())) + "']");
    }

    private void delete(RoutingContext ctx) {
        ResponseStore store = store();
        List<String> keys = keys(ctx);
        Future<Void> deleted = store.delete(keys);
        if (stores.vectors() != null) {
            deleted = deleted.compose(v -> stores.vectors().delete(keys));
        }
        answer(ctx, deleted.map(v -> new JsonObject().put("status", "success")));
    }

    private void flushAll(RoutingContext ctx) {
        Future<Void> cleared = store().clear();
        if (stores.vectors() != null) {
            cleared = cleared.compose(v -> stores.vectors().clear());
        }
        answer(ctx, cleared.map(v -> new JsonObject().put("status", "success")));
    }

    private static List<String> keys(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException invalid) {
            throw GatewayException.of(ErrorKind.BAD_REQUEST, "The request body must be a JSON object");
        }
        if (!(body.getValue("keys") instanceof JsonArray array)) {
            throw GatewayException.badField("keys", "keys must be a list of cache keys, e.g. {\"keys\": [\"<key>\"]}");
        }
        List<String> keys = new ArrayList<>();
        for (Object key : array) {
            if (!(key instanceof String text) || text.isBlank()) {
                throw GatewayException.badField("keys", "keys must hold only non-empty strings");
            }
            keys.add(text);
        }
        return keys;
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(done.result().encode());
            } else {
                ctx.fail(done.cause());
            }
        });
    }
}
