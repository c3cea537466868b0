package dev.junction.gateway.admin.teams;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminCalls;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.TeamMember;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * LiteLLM's {@code /team/info} and {@code /team/list}, and the team answer every team route shares: the team
 * with its {@code members_with_roles}. A key that is not an admin's reads its own team and the teams its user is
 * a member of.
 */
public final class TeamViews {
    static final int KEYS_PER_PAGE = 500;

    private final AdminContext admin;

    public TeamViews(AdminContext admin) {
        this.admin = admin;
    }

    public void info(RoutingContext ctx) {
        String id = ctx.request().getParam("team_id");
        if (id == null || id.isBlank()) {
            throw GatewayException.badField("team_id", "team_id is required");
        }
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        admin.calls()
                .answer(ctx, existing(id).compose(team -> mayRead(scope, id).compose(ok -> info(team))));
    }

    private Future<JsonObject> info(Team team) {
        return admin.ledger().current(KeyGrants.teamSubject(team.teamId())).compose(live -> admin.calls()
                .blocking(() -> {
                    List<TeamMember> members = admin.stores().teamMembers().ofTeam(team.teamId());
                    JsonObject info = json(team, members);
                    live.map(SpendState::spend).ifPresent(spend -> info.put("spend", spend));
                    JsonArray memberships = new JsonArray();
                    members.forEach(member -> memberships.add(member.asMembership()));
                    return new JsonObject()
                            .put("team_id", team.teamId())
                            .put("team_info", info)
                            .put("keys", keys(team.teamId()))
                            .put("team_memberships", memberships);
                }));
    }

    /** A page of teams, as LiteLLM's list ({@link TeamListing}'s filters): each with members, memberships, keys. */
    public void list(RoutingContext ctx) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        int page = AdminCalls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = AdminCalls.intParam(ctx, "size", 100, 1, 1000);
        TeamListing listing = TeamListing.of(ctx);
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            int from = AdminCalls.offset(page, size);
            List<Team> teams;
            if (listing.byStore(scope)) {
                teams = admin.keys().listTeams(from, size);
            } else {
                List<Team> all = listing.teams(admin, scope);
                teams = all.subList(Math.min(all.size(), from), (int) Math.min(all.size(), (long) from + size));
            }
            JsonArray listed = new JsonArray();
            for (Team team : teams) {
                List<TeamMember> members = admin.stores().teamMembers().ofTeam(team.teamId());
                JsonArray memberships = new JsonArray();
                members.forEach(member -> memberships.add(member.asMembership()));
                listed.add(
                        json(team, members).put("team_memberships", memberships).put("keys", keys(team.teamId())));
            }
            return listed;
        }));
    }

    /** The team as every team route answers it: LiteLLM's team row with its {@code members_with_roles}. */
    static JsonObject json(Team team, List<TeamMember> members) {
        JsonArray withRoles = new JsonArray();
        members.forEach(member -> withRoles.add(member.asMemberWithRole()));
        return KeyJson.of(team).put("members_with_roles", withRoles);
    }

    /** {@link #json}, with the members read from the store. Blocking. */
    JsonObject jsonNow(Team team) {
        return json(team, admin.stores().teamMembers().ofTeam(team.teamId()));
    }

    private JsonArray keys(String teamId) {
        JsonArray keys = new JsonArray();
        admin.keys().listKeys(teamId, 0, KEYS_PER_PAGE).forEach(key -> keys.add(KeyJson.of(key)));
        return keys;
    }

    /** A 403 unless the caller reads every team, is a key of this team, or its user is a member. */
    Future<Void> mayRead(AdminAccess.Scope scope, String teamId) {
        if (scope.all() || teamId.equals(scope.holder().key().teamId())) {
            return Future.succeededFuture();
        }
        String userId = scope.holder().key().userId();
        if (userId == null) {
            return Future.failedFuture(AdminAccess.notYours("team"));
        }
        return admin.directory()
                .member(teamId, userId)
                .compose(member -> member.isPresent()
                        ? Future.succeededFuture()
                        : Future.failedFuture(AdminAccess.notYours("team")));
    }

    /** The team as stored here, else as the cluster knows it (made on a node with a store of its own). */
    Future<Team> existing(String id) {
        return admin.calls()
                .blocking(() -> admin.keys().findTeam(id))
                .compose(stored -> stored.isPresent()
                        ? Future.succeededFuture(stored)
                        : admin.directory().team(id))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(
                                GatewayException.of(ErrorKind.NOT_FOUND, "Team " + id + " not found")
                                        .withParam("team_id"))));
    }
}
