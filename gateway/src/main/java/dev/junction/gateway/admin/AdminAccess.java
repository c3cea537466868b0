package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.keys.Caller;
import dev.junction.gateway.keys.UserRole;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Who may call a management route, by LiteLLM's roles. The master key, and the key of a {@code proxy_admin}
 * user, may call every route. A {@code proxy_admin_viewer}'s key may call the routes that read. Any other key
 * (an internal user's, a viewer's, a key without a user) may call only the self-service routes, whose handlers
 * then hold it to what is its own (its keys, its user, its teams); the viewers' keys and keys without a user only
 * those that read. A
 * route a key may not call is refused with a 403, not a 401: the key is valid, the action is not its to take.
 */
public final class AdminAccess {
    private static final String SCOPE = "junction.admin.scope";

    /** What a route asks of its caller. */
    public enum Need {
        /** Changes what is not the caller's own: proxy admins only. */
        ADMIN,
        /** Reads everything: proxy admins and viewers. */
        READ,
        /** Reads what the caller owns (everything for proxy admins and viewers). */
        SELF_READ,
        /** Changes what the caller owns (everything for proxy admins): not for viewers. */
        SELF_WRITE
    }

    /**
     * How much of the data a caller reaches.
     *
     * @param all whether it reaches everything (else only what its {@code holder} owns)
     * @param writes whether it may change what it reaches
     * @param holder the calling key, or null for the master key
     */
    public record Scope(boolean all, boolean writes, Caller.KeyHolder holder) {
        /** Throws a 403 unless the caller reaches everything. */
        public void requireAll(String route) {
            if (!all) {
                throw forbidden(route, holder);
            }
        }
    }

    private final Function<RoutingContext, Caller> callerOf;

    public AdminAccess(Function<RoutingContext, Caller> callerOf) {
        this.callerOf = callerOf;
    }

    /** A handler that lets callers through when they may call the route, with their {@link Scope}. */
    public Handler<RoutingContext> require(Need need) {
        return ctx -> {
            Scope scope = scopeOf(callerOf.apply(ctx));
            boolean allowed =
                    switch (need) {
                        case ADMIN -> scope.all() && scope.writes();
                        case READ -> scope.all();
                        case SELF_READ -> true;
                        case SELF_WRITE -> scope.writes();
                    };
            if (!allowed) {
                ctx.fail(forbidden(ctx.request().path(), scope.holder()));
                return;
            }
            ctx.put(SCOPE, scope);
            ctx.next();
        };
    }

    /** The scope {@link #require} granted the request. */
    public static Scope scope(RoutingContext ctx) {
        Scope scope = ctx.get(SCOPE);
        return scope == null ? new Scope(true, true, null) : scope;
    }

    static Scope scopeOf(Caller caller) {
        if (!(caller instanceof Caller.KeyHolder holder)) {
            return new Scope(true, true, null);
        }
        UserRole role = holder.role().orElse(null);
        if (role == UserRole.PROXY_ADMIN) {
            return new Scope(true, true, holder);
        }
        // A key without a user reads only: changing itself would lift its own limits, which nothing else bounds.
        boolean readOnly = role == null || role.readOnly();
        return new Scope(role != null && role.readsAll(), !readOnly, holder);
    }

    /** LiteLLM's refusal of a route to a key that is not a proxy admin's, as a 403. */
    public static GatewayException forbidden(String route, Caller.KeyHolder holder) {
        String role = holder == null || holder.user() == null
                ? "unknown"
                : holder.user().userRole();
        String userId = holder == null || holder.key().userId() == null
                ? "unknown"
                : holder.key().userId();
        return GatewayException.of(
                ErrorKind.PERMISSION_DENIED,
                "Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=" + route
                        + ". Your role=" + role + ". Your user_id=" + userId);
    }

    /** A refusal of an object (a key, a user, a team) that is not the caller's, as a 403. */
    public static GatewayException notYours(String what) {
        return GatewayException.of(
                ErrorKind.PERMISSION_DENIED, "Not allowed to access this " + what + ": it is not yours.");
    }
}
