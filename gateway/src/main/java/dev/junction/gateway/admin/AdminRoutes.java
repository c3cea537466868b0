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
     * A route that throws (a {@code GatewayException} for a bad field) fails its request: the router's
     * failure handler turns that into the error's status and body.
     *
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
        Handler<RoutingContext> adminOnly = adminOnly(callerOf);
        router.route("/key/*").handler(adminOnly);
        router.route("/team/*").handler(adminOnly);
        router.post("/key/generate").handler(keys::generate);
        router.post("/key/update").handler(keys::update);
        router.post("/key/delete").handler(keys::delete);
        router.post("/key/regenerate").handler(keys::regenerate);
        router.post("/key/:key/regenerate").handler(keys::regenerate);
        router.post("/key/block").handler(keys::block);
        router.post("/key/unblock").handler(keys::unblock);
        router.get("/key/info").handler(keys::info);
        router.get("/key/list").handler(keys::list);
        router.post("/team/new").handler(teams::create);
        router.post("/team/update").handler(teams::update);
        router.post("/team/delete").handler(teams::delete);
        router.post("/team/block").handler(teams::block);
        router.post("/team/unblock").handler(teams::unblock);
        router.get("/team/info").handler(teams::info);
        router.get("/team/list").handler(teams::list);
    }

    /** Lets the master key through; anyone else gets LiteLLM's 401. */
    static Handler<RoutingContext> adminOnly(Function<RoutingContext, Caller> callerOf) {
        return ctx -> {
            if (callerOf.apply(ctx) instanceof Caller.Admin) {
                ctx.next();
            } else {
                ctx.fail(GatewayException.of(
                        ErrorKind.AUTHENTICATION,
                        "Authentication Error, only the master key can call "
                                + ctx.request().path()));
            }
        };
    }
}
