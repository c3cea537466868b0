package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminAccess.Need;
import dev.junction.gateway.admin.budgets.BudgetAdmin;
import dev.junction.gateway.admin.endusers.EndUserAdmin;
import dev.junction.gateway.admin.endusers.EndUserViews;
import dev.junction.gateway.admin.keys.KeyAdmin;
import dev.junction.gateway.admin.keys.KeyLifecycle;
import dev.junction.gateway.admin.orgs.OrgAdmin;
import dev.junction.gateway.admin.orgs.OrgMembers;
import dev.junction.gateway.admin.orgs.OrgViews;
import dev.junction.gateway.admin.spend.SpendReports;
import dev.junction.gateway.admin.spend.SpendRoutes;
import dev.junction.gateway.admin.teams.TeamAdmin;
import dev.junction.gateway.admin.teams.TeamMembers;
import dev.junction.gateway.admin.teams.TeamViews;
import dev.junction.gateway.admin.users.UserAdmin;
import dev.junction.gateway.admin.users.UserViews;
import dev.junction.gateway.keys.Caller;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Mounts LiteLLM's management routes, one resource package each (keys, teams, users, organisations, end users,
 * budgets, spend), every route behind the role it needs ({@link AdminAccess}).
 */
public final class AdminRoutes {
    private final Router router;
    private final AdminAccess access;

    private AdminRoutes(Router router, AdminAccess access) {
        this.router = router;
        this.access = access;
    }

    /**
     * A route that throws (a {@code GatewayException} for a bad field) fails its request: the router's failure
     * handler turns that into the error's status and body.
     *
     * @param callerOf who the authenticated caller of a request is
     */
    public static void mount(Router router, AdminContext admin, Function<RoutingContext, Caller> callerOf) {
        AdminRoutes routes = new AdminRoutes(router, new AdminAccess(callerOf));
        routes.keys(admin);
        routes.teams(admin);
        routes.users(admin);
        routes.organizations(admin);
        routes.endUsers(admin);
        routes.budgets(admin);
        routes.spend(admin);
    }

    private void keys(AdminContext admin) {
        KeyAdmin keys = new KeyAdmin(admin);
        KeyLifecycle lifecycle = new KeyLifecycle(admin);
        post("/key/generate", Need.SELF_WRITE, keys::generate);
        post("/key/update", Need.SELF_WRITE, keys::update);
        post("/key/delete", Need.SELF_WRITE, lifecycle::delete);
        post("/key/regenerate", Need.SELF_WRITE, lifecycle::regenerate);
        post("/key/:key/regenerate", Need.SELF_WRITE, lifecycle::regenerate);
        post("/key/block", Need.ADMIN, lifecycle::block);
        post("/key/unblock", Need.ADMIN, lifecycle::unblock);
        get("/key/info", Need.SELF_READ, keys::info);
        get("/key/list", Need.SELF_READ, keys::list);
    }

    private void teams(AdminContext admin) {
        TeamAdmin teams = new TeamAdmin(admin);
        TeamViews views = new TeamViews(admin);
        TeamMembers members = new TeamMembers(admin);
        post("/team/new", Need.ADMIN, teams::create);
        post("/team/update", Need.ADMIN, teams::update);
        post("/team/delete", Need.ADMIN, teams::delete);
        post("/team/block", Need.ADMIN, teams::block);
        post("/team/unblock", Need.ADMIN, teams::unblock);
        get("/team/info", Need.SELF_READ, views::info);
        get("/team/list", Need.SELF_READ, views::list);
        post("/team/member_add", Need.SELF_WRITE, members::add);
        post("/team/member_delete", Need.SELF_WRITE, members::delete);
        post("/team/member_update", Need.SELF_WRITE, members::update);
    }

    private void users(AdminContext admin) {
        UserAdmin users = new UserAdmin(admin);
        UserViews views = new UserViews(admin);
        post("/user/new", Need.ADMIN, users::create);
        post("/user/update", Need.ADMIN, users::update);
        post("/user/delete", Need.ADMIN, users::delete);
        get("/user/info", Need.SELF_READ, views::info);
        get("/user/list", Need.READ, views::list);
    }

    /** LiteLLM serves some of these as PATCH or DELETE; POST is taken as well, as clients of older versions send. */
    private void organizations(AdminContext admin) {
        OrgAdmin orgs = new OrgAdmin(admin);
        OrgViews views = new OrgViews(admin);
        OrgMembers members = new OrgMembers(admin);
        post("/organization/new", Need.ADMIN, orgs::create);
        route("/organization/update", Need.ADMIN, orgs::update, HttpMethod.PATCH, HttpMethod.POST);
        route("/organization/delete", Need.ADMIN, orgs::delete, HttpMethod.DELETE, HttpMethod.POST);
        get("/organization/info", Need.SELF_READ, views::info);
        post("/organization/info", Need.READ, views::infoOfMany);
        get("/organization/list", Need.SELF_READ, views::list);
        post("/organization/member_add", Need.ADMIN, members::add);
        route("/organization/member_update", Need.ADMIN, members::update, HttpMethod.PATCH, HttpMethod.POST);
        route("/organization/member_delete", Need.ADMIN, members::delete, HttpMethod.DELETE, HttpMethod.POST);
    }

    /** LiteLLM's customers, under {@code /end_user/} and its newer name {@code /customer/}. */
    private void endUsers(AdminContext admin) {
        EndUserAdmin endUsers = new EndUserAdmin(admin);
        EndUserViews views = new EndUserViews(admin);
        for (String prefix : new String[] {"/end_user", "/customer"}) {
            post(prefix + "/new", Need.ADMIN, endUsers::create);
            post(prefix + "/update", Need.ADMIN, endUsers::update);
            post(prefix + "/delete", Need.ADMIN, views::delete);
            post(prefix + "/block", Need.ADMIN, views::block);
            post(prefix + "/unblock", Need.ADMIN, views::unblock);
            get(prefix + "/info", Need.READ, views::info);
            get(prefix + "/list", Need.READ, views::list);
        }
    }

    private void budgets(AdminContext admin) {
        BudgetAdmin budgets = new BudgetAdmin(admin);
        post("/budget/new", Need.ADMIN, budgets::create);
        post("/budget/update", Need.ADMIN, budgets::update);
        post("/budget/delete", Need.ADMIN, budgets::delete);
        post("/budget/info", Need.READ, budgets::info);
        get("/budget/list", Need.READ, budgets::list);
    }

    private void spend(AdminContext admin) {
        SpendRoutes spend = new SpendRoutes(admin);
        get("/spend/logs", Need.SELF_READ, spend::logs);
        get("/global/spend", Need.READ, spend::global);
        get("/global/spend/keys", Need.SELF_READ, spend::keys);
        get("/global/spend/models", Need.SELF_READ, spend::models);
        get("/global/spend/report", Need.READ, new SpendReports(admin)::report);
    }

    private void post(String path, Need need, Handler<RoutingContext> handler) {
        route(path, need, handler, HttpMethod.POST);
    }

    private void get(String path, Need need, Handler<RoutingContext> handler) {
        route(path, need, handler, HttpMethod.GET);
    }

    private void route(String path, Need need, Handler<RoutingContext> handler, HttpMethod... methods) {
        for (HttpMethod method : methods) {
            router.route(method, path)
                    .handler(access.require(need))
                    .handler(AdminRoutes::plainParameters)
                    .handler(handler);
        }
    }

    /**
     * Refuses a query or path parameter holding a control character with a 400 naming it, as the bodies' fields
     * are refused ({@link FieldType#textProblem}): no id can hold one, and PostgreSQL fails on a NUL in a query,
     * which would answer a 503 as if the store were down.
     */
    private static void plainParameters(RoutingContext ctx) {
        for (var parameters :
                java.util.List.of(ctx.queryParams().entries(), ctx.pathParams().entrySet())) {
            for (var parameter : parameters) {
                if (parameter.getValue().chars().anyMatch(Character::isISOControl)) {
                    ctx.fail(GatewayException.badField(
                            parameter.getKey(), parameter.getKey() + " must not contain control characters"));
                    return;
                }
            }
        }
        ctx.next();
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
