package dev.junction.gateway.admin.teams;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.Members;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LiteLLM's {@code /team/new}, {@code /team/update}, {@code /team/delete}, {@code /team/block} and {@code
 * /team/unblock}. A team of an organisation is held to its models and budget ({@link OrganizationBounds});
 * deleting a team deletes its keys and its memberships.
 */
public final class TeamAdmin {
    private static final Map<String, FieldType> ONE_TEAM = Map.of("team_id", FieldType.STRING);
    private static final Map<String, FieldType> DELETE = Map.of("team_ids", FieldType.STRING_LIST);

    private final AdminContext admin;
    private final TeamViews views;
    private final TeamMemberships memberships;
    private final OrganizationBounds bounds;

    public TeamAdmin(AdminContext admin) {
        this.admin = admin;
        this.views = new TeamViews(admin);
        this.memberships = new TeamMemberships(admin);
        this.bounds = new OrganizationBounds(admin);
    }

    public void create(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), TeamSettings.FIELDS);
        Instant now = admin.clock().instant();
        String id = request.string("team_id") == null ? UUID.randomUUID().toString() : request.required("team_id");
        Team team = TeamSettings.apply(request, TeamSettings.blank(id, now), now);
        List<Members> members = Members.of(
                request.value("members_with_roles"), "members_with_roles", Members.TEAM_ROLES, TeamMember.USER);
        admin.calls()
                .answer(
                        ctx,
                        bounds.check(team)
                                .compose(ok -> save(team, true))
                                .compose(made ->
                                        memberships.add(id, members, null, now).map(made))
                                .compose(made -> admin.calls().blocking(() -> views.jsonNow(made))));
    }

    /** Answers LiteLLM's {@code {"team_id", "data"}}. */
    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), TeamSettings.FIELDS);
        String id = request.required("team_id");
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(id)
                                .map(current -> TeamSettings.apply(request, current, now))
                                .compose(changed -> bounds.check(changed).map(changed))
                                .compose(changed -> save(changed, false))
                                .compose(changed -> request.has("members_with_roles")
                                        ? replaceMembers(changed, request, now).map(changed)
                                        : Future.succeededFuture(changed))
                                .compose(changed -> admin.calls().blocking(() -> views.jsonNow(changed)))
                                .map(data -> new JsonObject().put("team_id", id).put("data", data)));
    }

    /** {@code members_with_roles} in an update replaces the team's members. */
    private Future<Void> replaceMembers(Team team, AdminRequest request, Instant now) {
        List<Members> members = Members.of(
                request.value("members_with_roles"), "members_with_roles", Members.TEAM_ROLES, TeamMember.USER);
        return admin.calls()
                .blocking(() -> admin.stores().teamMembers().deleteOfTeams(List.of(team.teamId())))
                .compose(removed -> forgetMembers(removed))
                .compose(v -> memberships.add(team.teamId(), members, null, now))
                .mapEmpty();
    }

    /** Writes the team (an update adds one this store never held: made on another node) and tells the cluster. */
    private Future<Team> save(Team team, boolean isNew) {
        return admin.calls()
                .blocking(() -> {
                    if (isNew) {
                        admin.keys().insertTeam(team);
                    } else if (!admin.keys().updateTeam(team)) {
                        admin.keys().insertTeam(team);
                    }
                    return team;
                })
                .compose(saved -> admin.directory().published(saved).map(saved));
    }

    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        List<String> ids = request.strings("team_ids");
        if (ids.isEmpty()) {
            throw GatewayException.badField("team_ids", "team_ids is required");
        }
        admin.calls()
                .answer(
                        ctx,
                        admin.calls()
                                .blocking(() -> deleteNow(ids))
                                .compose(deleted -> deleted.teams().isEmpty()
                                        ? Future.failedFuture(GatewayException.of(
                                                        ErrorKind.NOT_FOUND, "None of the teams to delete exist")
                                                .withParam("team_ids"))
                                        : forget(deleted)));
    }

    private record Deleted(List<String> teams, List<String> keys, List<TeamMember> members) {}

    /** Deletes the teams with their keys and memberships. Blocking. */
    private Deleted deleteNow(List<String> ids) {
        List<String> keyTokens = new ArrayList<>();
        for (String id : ids) {
            int total = admin.keys().countKeys(id);
            for (int offset = 0; offset < total; offset += TeamViews.KEYS_PER_PAGE) {
                admin.keys().listKeys(id, offset, TeamViews.KEYS_PER_PAGE).stream()
                        .map(VirtualKey::token)
                        .forEach(keyTokens::add);
            }
        }
        List<String> deletedKeys = admin.keys().deleteKeys(keyTokens);
        List<TeamMember> members = admin.stores().teamMembers().deleteOfTeams(ids);
        return new Deleted(admin.keys().deleteTeams(ids), deletedKeys, members);
    }

    private Future<JsonObject> forget(Deleted deleted) {
        List<Future<Void>> gone = new ArrayList<>();
        deleted.keys()
                .forEach(token -> gone.add(admin.directory().removedKey(token).compose(v -> admin.ledger()
                        .forget(KeyGrants.keySubject(token)))));
        deleted.teams()
                .forEach(id -> gone.add(admin.directory().removedTeam(id).compose(v -> admin.ledger()
                        .forget(KeyGrants.teamSubject(id)))));
        gone.add(forgetMembers(deleted.members()));
        return Future.join(gone).map(done -> new JsonObject()
                .put("deleted_teams", new JsonArray(deleted.teams()))
                .put("deleted_keys", deleted.keys().size()));
    }

    /** Tells the cluster memberships are gone, and drops their budget counters. */
    Future<Void> forgetMembers(List<TeamMember> removed) {
        return Future.join(removed.stream()
                        .map(member -> admin.directory()
                                .removedMember(member.teamId(), member.userId())
                                .compose(v -> admin.ledger()
                                        .forget(dev.junction.cluster.bus.SpendSubject.memberId(
                                                member.teamId(), member.userId()))))
                        .toList())
                .mapEmpty();
    }

    public void block(RoutingContext ctx) {
        setBlocked(ctx, true);
    }

    public void unblock(RoutingContext ctx) {
        setBlocked(ctx, false);
    }

    private void setBlocked(RoutingContext ctx, boolean blocked) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_TEAM);
        String id = request.required("team_id");
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(id)
                                .map(team -> TeamSettings.apply(AdminRequest.blockedOnly(blocked), team, now))
                                .compose(changed -> save(changed, false))
                                .compose(changed -> admin.calls().blocking(() -> views.jsonNow(changed))));
    }
}
