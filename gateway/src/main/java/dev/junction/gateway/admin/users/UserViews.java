package dev.junction.gateway.admin.users;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminCalls;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.store.Page;
import dev.junction.gateway.keys.store.UserFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * LiteLLM's {@code /user/info} (the user, its keys and its teams) and {@code /user/list}. A user's spend is what
 * its keys spent, live from the cluster's counter when it has a budget. A key that is not an admin's reads only
 * its own user.
 */
public final class UserViews {
    private final AdminContext admin;
    private final UserJoins joins;

    public UserViews(AdminContext admin) {
        this.admin = admin;
        this.joins = new UserJoins(admin);
    }

    public void info(RoutingContext ctx) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        String asked = ctx.request().getParam("user_id");
        String own = scope.holder() == null ? null : scope.holder().key().userId();
        String userId = asked != null ? asked : own;
        if (userId == null || userId.isBlank()) {
            throw GatewayException.badField("user_id", "user_id is required");
        }
        if (!scope.all() && !userId.equals(own)) {
            throw AdminAccess.notYours("user");
        }
        admin.calls().answer(ctx, joins.existing(userId, null).compose(user -> admin.ledger()
                .current(SpendSubject.USER + userId)
                .compose(live -> admin.calls().blocking(() -> info(user, live)))));
    }

    private JsonObject info(User user, java.util.Optional<SpendState> live) {
        JsonObject userInfo = joins.withTeamsNow(user);
        live.map(SpendState::spend).ifPresent(spend -> userInfo.put("spend", spend));
        JsonArray keys = new JsonArray();
        admin.stores().users().keysOf(user.userId()).forEach(key -> keys.add(KeyJson.of(key)));
        JsonArray teams = new JsonArray();
        for (TeamMember member : admin.stores().teamMembers().ofUser(user.userId())) {
            admin.keys().findTeam(member.teamId()).ifPresent(team -> teams.add(KeyJson.of(team)));
        }
        return new JsonObject()
                .put("user_id", user.userId())
                .put("user_info", userInfo)
                .put("keys", keys)
                .put("teams", teams);
    }

    public void list(RoutingContext ctx) {
        int page = AdminCalls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = AdminCalls.intParam(ctx, "page_size", 25, 1, 100);
        UserFilter filter = filter(ctx);
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            Page<User> users = admin.stores().users().list(filter, AdminCalls.offset(page, size), size);
            List<String> ids = users.rows().stream().map(User::userId).toList();
            Map<String, Integer> keyCounts = admin.stores().users().keyCounts(ids);
            JsonArray listed = new JsonArray();
            for (User user : users.rows()) {
                listed.add(joins.withTeamsNow(user).put("key_count", keyCounts.getOrDefault(user.userId(), 0)));
            }
            return new JsonObject()
                    .put("users", listed)
                    .put("total", users.total())
                    .put("page", page)
                    .put("page_size", size)
                    .put("total_pages", (users.total() + size - 1) / size);
        }));
    }

    private static UserFilter filter(RoutingContext ctx) {
        String userIds = ctx.request().getParam("user_ids");
        String sortBy = ctx.request().getParam("sort_by");
        String order = ctx.request().getParam("sort_order", "asc");
        if (sortBy != null && !UserFilter.SORTABLE.containsKey(sortBy)) {
            throw GatewayException.badField(
                    "sort_by",
                    "Invalid sort column. Must be one of: " + String.join(", ", UserFilter.SORTABLE.keySet()));
        }
        if (!order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw GatewayException.badField("sort_order", "Invalid sort order. Must be 'asc' or 'desc'");
        }
        return new UserFilter(
                ctx.request().getParam("role"),
                userIds == null
                        ? List.of()
                        : Arrays.stream(userIds.split(","))
                                .map(String::strip)
                                .filter(id -> !id.isEmpty())
                                .toList(),
                ctx.request().getParam("user_email"),
                ctx.request().getParam("team"),
                sortBy,
                order.equalsIgnoreCase("desc"));
    }
}
