package dev.junction.gateway.admin.spend;

import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminCalls;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.VirtualKey;
import dev.junction.gateway.keys.store.SpendLogFilter;
import dev.junction.gateway.keys.store.SpendLogGroup;
import dev.junction.gateway.keys.store.SpendLogRow;
import dev.junction.gateway.keys.store.SpendLogStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * LiteLLM's {@code /spend/logs}, {@code /global/spend}, {@code /global/spend/keys} and {@code
 * /global/spend/models}, read from the spend log rows (one per call). A key that is not an admin's or a viewer's
 * reads only its own user's rows (or its own, when it has no user).
 */
public final class SpendRoutes {
    /** LiteLLM's global spend views cover the last 30 days. */
    static final long THIRTY_DAYS = 30 * SpendDates.DAY_MILLIS;

    private final AdminContext admin;

    public SpendRoutes(AdminContext admin) {
        this.admin = admin;
    }

    private SpendLogStore logs() {
        return admin.stores().spendLogs();
    }

    /**
     * The rows the filters select, newest first (at most {@code limit}, default 1,000). With {@code start_date}
     * and {@code end_date}, unless {@code summarize=false}, LiteLLM's daily summary instead: spend per day, model
     * and user.
     */
    public void logs(RoutingContext ctx) {
        String apiKey = ctx.request().getParam("api_key");
        SpendLogFilter filter = scoped(
                ctx,
                new SpendLogFilter(
                        apiKey == null ? null : apiKey.startsWith("sk-") ? KeyHashes.token(apiKey) : apiKey,
                        ctx.request().getParam("user_id"),
                        ctx.request().getParam("request_id"),
                        SpendDates.start(ctx.request().getParam("start_date"), "start_date"),
                        SpendDates.end(ctx.request().getParam("end_date"), "end_date")));
        boolean summarize = filter.fromMillis() != null
                && filter.untilMillis() != null
                && !"false".equalsIgnoreCase(ctx.request().getParam("summarize"));
        int limit = AdminCalls.intParam(ctx, "limit", 1000, 1, 100_000);
        admin.calls().answer(ctx, admin.calls().blocking(() -> summarize ? daily(filter) : rows(filter, limit)));
    }

    private JsonArray rows(SpendLogFilter filter, int limit) {
        JsonArray rows = new JsonArray();
        for (SpendLogRow row : logs().rows(filter, limit)) {
            rows.add(SpendLogJson.of(row));
        }
        return rows;
    }

    private JsonArray daily(SpendLogFilter filter) {
        JsonArray days = new JsonArray();
        List<SpendLogGroup> groups = logs().grouped(filter, List.of("model", "user_id"), true, 1_000_000);
        groups.stream().map(SpendLogGroup::day).distinct().sorted().forEach(day -> {
            JsonObject models = new JsonObject();
            JsonObject users = new JsonObject();
            double spend = 0;
            for (SpendLogGroup group : groups) {
                if (group.day().equals(day)) {
                    spend += group.spend();
                    add(models, group.value("model"), group.spend());
                    add(users, group.value("user_id"), group.spend());
                }
            }
            days.add(new JsonObject()
                    .put("startTime", SpendDates.day(day))
                    .put("spend", spend)
                    .put("models", models)
                    .put("users", users));
        });
        return days;
    }

    private static void add(JsonObject totals, String name, double spend) {
        String key = name == null ? "" : name;
        totals.put(key, totals.getDouble(key, 0.0) + spend);
    }

    /** {@code {"spend", "max_budget"}}: the last 30 days, and {@code litellm_settings.max_budget}. */
    public void global(RoutingContext ctx) {
        long since = admin.clock().millis() - THIRTY_DAYS;
        admin.calls().answer(ctx, admin.calls().blocking(() -> new JsonObject()
                .put("spend", logs().total(SpendLogFilter.since(since)))
                .put("max_budget", admin.proxyMaxBudget())));
    }

    /** The keys that spent most in the last 30 days, with their alias and name. */
    public void keys(RoutingContext ctx) {
        int limit = AdminCalls.intParam(ctx, "limit", 1000, 1, 100_000);
        SpendLogFilter filter = scoped(ctx, SpendLogFilter.since(admin.clock().millis() - THIRTY_DAYS));
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray keys = new JsonArray();
            for (SpendLogGroup group : logs().grouped(filter, List.of("api_key"), false, limit)) {
                String token = group.value("api_key");
                VirtualKey key =
                        token == null ? null : admin.keys().findKey(token).orElse(null);
                keys.add(new JsonObject()
                        .put("api_key", token)
                        .put("total_spend", group.spend())
                        .put("key_alias", key == null ? null : key.keyAlias())
                        .put("key_name", key == null ? null : key.keyName()));
            }
            return keys;
        }));
    }

    /** The models that spent most in the last 30 days. */
    public void models(RoutingContext ctx) {
        int limit = AdminCalls.intParam(ctx, "limit", 1000, 1, 100_000);
        SpendLogFilter filter = scoped(ctx, SpendLogFilter.since(admin.clock().millis() - THIRTY_DAYS));
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray models = new JsonArray();
            for (SpendLogGroup group : logs().grouped(filter, List.of("model"), false, limit)) {
                models.add(new JsonObject().put("model", group.value("model")).put("total_spend", group.spend()));
            }
            return models;
        }));
    }

    /** The filter, held to the caller's own rows when it reads only its own. */
    private static SpendLogFilter scoped(RoutingContext ctx, SpendLogFilter filter) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        if (scope.all()) {
            return filter;
        }
        VirtualKey caller = scope.holder().key();
        if (caller.userId() != null) {
            if (filter.userId() != null && !filter.userId().equals(caller.userId())) {
                throw AdminAccess.notYours("user");
            }
            return filter.forUser(caller.userId());
        }
        if (filter.apiKey() != null && !filter.apiKey().equals(caller.token())) {
            throw AdminAccess.notYours("key");
        }
        return new SpendLogFilter(
                caller.token(), filter.userId(), filter.requestId(), filter.fromMillis(), filter.untilMillis());
    }
}
