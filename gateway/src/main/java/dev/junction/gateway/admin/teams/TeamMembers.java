package dev.junction.gateway.admin.teams;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.Members;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * LiteLLM's {@code /team/member_add}, {@code /team/member_delete} and {@code /team/member_update}, for the admins
 * and the team's own admins (members with role {@code admin}).
 */
public final class TeamMembers {
    private static final Map<String, FieldType> ADD =
            Map.of("team_id", FieldType.STRING, "member", FieldType.MEMBERS, "max_budget_in_team", FieldType.MONEY);
    private static final Map<String, FieldType> DELETE =
            Map.of("team_id", FieldType.STRING, "user_id", FieldType.STRING, "user_email", FieldType.STRING);
    private static final Map<String, FieldType> UPDATE = Map.of(
            "team_id", FieldType.STRING,
            "user_id", FieldType.STRING,
            "user_email", FieldType.STRING,
            "role", FieldType.STRING,
            "max_budget_in_team", FieldType.MONEY);

    private final AdminContext admin;
    private final TeamViews views;
    private final TeamMemberships memberships;
    private final TeamAdmin teams;

    public TeamMembers(AdminContext admin) {
        this.admin = admin;
        this.views = new TeamViews(admin);
        this.memberships = new TeamMemberships(admin);
        this.teams = new TeamAdmin(admin);
    }

    /** Answers the team with LiteLLM's {@code updated_users} and {@code updated_team_memberships}. */
    public void add(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ADD);
        String teamId = request.required("team_id");
        if (request.value("member") == null) {
            throw GatewayException.badField("member", "member is required");
        }
        List<Members> members = Members.of(request.value("member"), "member", Members.TEAM_ROLES, TeamMember.USER);
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        team(teamId, ErrorKind.NOT_FOUND, "Team not found for team_id=" + teamId)
                                .compose(team -> mayManage(ctx, team).map(team))
                                .compose(team -> memberships
                                        .add(teamId, members, request.money("max_budget_in_team"), now)
                                        .compose(added -> admin.calls().blocking(() -> {
                                            JsonArray users = new JsonArray();
                                            added.users().forEach(user -> users.add(user.toJson()));
                                            JsonArray made = new JsonArray();
                                            added.memberships().forEach(member -> made.add(member.asMembership()));
                                            return views.jsonNow(team)
                                                    .put("updated_users", users)
                                                    .put("updated_team_memberships", made);
                                        }))));
    }

    /** Answers the team without the member; a user who is not a member is a 400, as in LiteLLM. */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        String teamId = request.required("team_id");
        String userId = request.string("user_id");
        String email = request.string("user_email");
        requireOne(userId, email);
        admin.calls()
                .answer(
                        ctx,
                        team(teamId, ErrorKind.BAD_REQUEST, "Team id=" + teamId + " does not exist in db")
                                .compose(team -> mayManage(ctx, team).map(team))
                                .compose(team -> member(teamId, userId, email, "User not found in team")
                                        .compose(member -> admin.calls()
                                                .blocking(() -> admin.stores()
                                                        .teamMembers()
                                                        .delete(teamId, member.userId()))
                                                .compose(v -> teams.forgetMembers(List.of(member))))
                                        .compose(v -> admin.calls().blocking(() -> views.jsonNow(team)))));
    }

    /** Changes a member's role and budget in the team; answers LiteLLM's TeamMemberUpdateResponse. */
    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), UPDATE);
        String teamId = request.required("team_id");
        String userId = request.string("user_id");
        String email = request.string("user_email");
        requireOne(userId, email);
        String role = request.string("role");
        if (role != null && !Members.TEAM_ROLES.contains(role)) {
            throw GatewayException.badField("role", "role must be one of [admin, user]");
        }
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        team(teamId, ErrorKind.BAD_REQUEST, "Team id=" + teamId + " does not exist in db")
                                .compose(team -> mayManage(ctx, team))
                                .compose(ok -> member(teamId, userId, email, "User id doesn't exist in team table"))
                                .map(member -> new TeamMember(
                                        member.teamId(),
                                        member.userId(),
                                        email != null ? email : member.userEmail(),
                                        role != null ? role : member.role(),
                                        request.has("max_budget_in_team")
                                                ? request.money("max_budget_in_team")
                                                : member.maxBudgetInTeam(),
                                        member.spend(),
                                        member.createdAt(),
                                        now))
                                .compose(changed -> admin.calls()
                                        .blocking(() ->
                                                admin.stores().teamMembers().update(changed))
                                        .compose(v -> admin.directory().published(changed))
                                        .map(v -> new JsonObject()
                                                .put("team_id", teamId)
                                                .put("user_id", changed.userId())
                                                .put("user_email", changed.userEmail())
                                                .put("max_budget_in_team", changed.maxBudgetInTeam()))));
    }

    private static void requireOne(String userId, String email) {
        if (userId == null && email == null) {
            throw GatewayException.badField("user_id", "Either user_id or user_email needs to be passed in");
        }
    }

    private Future<Team> team(String teamId, ErrorKind missing, String message) {
        return views.existing(teamId)
                .recover(failure -> Future.failedFuture(
                        GatewayException.of(missing, message).withParam("team_id")));
    }

    /** The membership named by id or e-mail, or a 400 with {@code message}. */
    private Future<TeamMember> member(String teamId, String userId, String email, String message) {
        return admin.calls()
                .blocking(() -> admin.stores().teamMembers().ofTeam(teamId).stream()
                        .filter(member -> userId != null
                                ? userId.equals(member.userId())
                                : Objects.equals(email, member.userEmail()) || matchesUserEmail(member, email))
                        .findFirst())
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(
                                GatewayException.badField(userId != null ? "user_id" : "user_email", message))));
    }

    /** Blocking: whether the member's user has this e-mail (memberships made by id may not carry it). */
    private boolean matchesUserEmail(TeamMember member, String email) {
        Optional<User> user = admin.stores().users().find(member.userId());
        return user.isPresent()
                && email != null
                && email.equalsIgnoreCase(user.get().userEmail());
    }

    /** A 403 unless the caller is an admin, or its user is an admin of the team. */
    private Future<Void> mayManage(RoutingContext ctx, Team team) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        if (scope.all() && scope.writes()) {
            return Future.succeededFuture();
        }
        String userId = scope.holder().key().userId();
        if (userId == null) {
            return Future.failedFuture(AdminAccess.notYours("team"));
        }
        return admin.directory()
                .member(team.teamId(), userId)
                .compose(member -> member.isPresent() && member.get().isAdmin()
                        ? Future.succeededFuture()
                        : Future.failedFuture(GatewayException.of(
                                ErrorKind.PERMISSION_DENIED,
                                "Call not allowed. User not proxy admin OR team admin. route="
                                        + ctx.request().path() + ", team_id=" + team.teamId())));
    }
}
