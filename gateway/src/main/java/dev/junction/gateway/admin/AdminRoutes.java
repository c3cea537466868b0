package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.KeyDirectory;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Function;

/** Mounts the key and team management routes, for the master key only. */
public final class AdminRoutes {
    private AdminRoutes() {}

    /**
     * @param callerOf who the authenticated caller of a request is
     */
    public static void mount(
            Router router,
            KeyDirectory directory,
            BudgetLedger ledger,
            Function<RoutingContext, Caller> callerOf,
            Clock clock) {
        AdminCalls calls = new AdminCalls(directory);
        KeyAdmin keys = new KeyAdmin(directory, ledger, calls, clock);
        TeamAdmin teams = new TeamAdmin(directory, ledger, calls, clock);
        Handler<RoutingContext> adminOnly = ctx -> {
            if (callerOf.apply(ctx) instanceof Caller.Admin) {
                ctx.next();
            } else {
                ctx.fail(GatewayException.of(
                        ErrorKind.AUTHENTICATION,
                        "Authentication Error, only the master key can call "
                                + ctx.request().path()));
            }
        };
        router.route("/key/*").handler(adminOnly);
        router.route("/team/*").handler(adminOnly);
        router.post("/key/generate").handler(guarded(keys::generate));
        router.post("/key/update").handler(guarded(keys::update));
        router.post("/key/delete").handler(guarded(keys::delete));
        router.post("/key/regenerate").handler(guarded(keys::regenerate));
        router.post("/key/:key/regenerate").handler(guarded(keys::regenerate));
        router.post("/key/block").handler(guarded(keys::block));
        router.post("/key/unblock").handler(guarded(keys::unblock));
        router.get("/key/info").handler(guarded(keys::info));
        router.get("/key/list").handler(guarded(keys::list));
        router.post("/team/new").handler(guarded(teams::create));
        router.post("/team/update").handler(guarded(teams::update));
        router.post("/team/delete").handler(guarded(teams::delete));
        router.post("/team/block").handler(guarded(teams::block));
        router.post("/team/unblock").handler(guarded(teams::unblock));
        router.get("/team/info").handler(guarded(teams::info));
        router.get("/team/list").handler(guarded(teams::list));
    }

    /** Turns a validation error thrown while reading the request into the route's failure. */
    private static Handler<RoutingContext> guarded(Handler<RoutingContext> route) {
        return ctx -> {
            try {
                route.handle(ctx);
            } catch (GatewayException invalid) {
                ctx.fail(invalid);
            }
        };
    }
}
