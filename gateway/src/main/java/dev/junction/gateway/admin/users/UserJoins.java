package dev.junction.gateway.admin.users;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.Members;
import dev.junction.gateway.admin.teams.TeamMemberships;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.OrgMember;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A user's teams and organisations: joining them at creation, listing them, leaving them at deletion. */
final class UserJoins {
    private final AdminContext admin;

    UserJoins(AdminContext admin) {
        this.admin = admin;
    }

    /**
     * A team {@code /user/new} puts the user in: LiteLLM's {@code teams} entry, an id or an object.
     *
     * @param teamId the team
     * @param role {@code user} or {@code admin}
     * @param maxBudgetInTeam the user's budget in the team, or null
     */
    record TeamJoin(String teamId, String role, Double maxBudgetInTeam) {}

    static List<TeamJoin> teams(Object value) {
        List<TeamJoin> joins = new ArrayList<>();
        if (!(value instanceof JsonArray list)) {
            return joins;
        }
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.getValue(i);
            String field = "teams[" + i + "]";
            if (entry instanceof String id) {
                joins.add(new TeamJoin(id, TeamMember.USER, null));
            } else if (entry instanceof JsonObject team && team.getValue("team_id") instanceof String id) {
                String role = team.getValue("user_role") instanceof String text ? text : TeamMember.USER;
                if (!Members.TEAM_ROLES.contains(role)) {
                    throw GatewayException.badField(field, field + ".user_role must be one of [admin, user]");
                }
                Object budget = team.getValue("max_budget_in_team");
                if (budget != null && !(budget instanceof Number number && number.doubleValue() >= 0)) {
                    throw GatewayException.badField(field, field + ".max_budget_in_team must be a non-negative number");
                }
                joins.add(new TeamJoin(id, role, budget == null ? null : ((Number) budget).doubleValue()));
            } else {
                throw GatewayException.badField(field, field + " must be a team_id or an object with a team_id");
            }
        }
        return joins;
    }

    /** A 400 naming the field when a team or organisation does not exist. */
    Future<Void> requireAll(List<TeamJoin> teams, List<String> organizations) {
        return admin.calls().blocking(() -> {
            for (TeamJoin team : teams) {
                if (admin.keys().findTeam(team.teamId()).isEmpty()) {
                    throw GatewayException.badField("teams", "team_id " + team.teamId() + " does not exist");
                }
            }
            for (String organization : organizations) {
                if (admin.stores().organizations().find(organization).isEmpty()) {
                    throw GatewayException.badField(
                            "organizations", "organization_id " + organization + " does not exist");
                }
            }
            return null;
        });
    }

    /** Puts a new user in its teams and organisations. */
    Future<Void> join(User user, List<TeamJoin> teams, List<String> organizations, Instant now) {
        TeamMemberships memberships = new TeamMemberships(admin);
        Future<Void> joined = Future.succeededFuture();
        for (TeamJoin team : teams) {
            Members member = new Members(user.userId(), user.userEmail(), team.role());
            joined = joined.compose(v -> memberships
                    .add(team.teamId(), List.of(member), team.maxBudgetInTeam(), now)
                    .mapEmpty());
        }
        return joined.compose(v -> admin.calls().blocking(() -> {
            for (String organization : organizations) {
                admin.stores()
                        .orgMembers()
                        .insert(new OrgMember(organization, user.userId(), "internal_user", 0, null, now, now));
            }
            return null;
        }));
    }

    /** The user by id, else by e-mail; a 404 when there is none. */
    Future<User> existing(String userId, String email) {
        if (userId == null && email == null) {
            throw GatewayException.badField("user_id", "Either user_id or user_email must be provided");
        }
        return admin.calls()
                .blocking(() -> userId != null
                        ? admin.stores().users().find(userId)
                        : admin.stores().users().findByEmail(email))
                .compose(found -> found.isPresent() || userId == null
                        ? Future.succeededFuture(found)
                        : admin.directory().user(userId))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(GatewayException.of(
                                        ErrorKind.NOT_FOUND, "User " + (userId != null ? userId : email) + " not found")
                                .withParam(userId != null ? "user_id" : "user_email"))));
    }

    /** LiteLLM's LiteLLM_UserTable: the user with the ids of its teams. */
    Future<JsonObject> withTeams(User user) {
        return admin.calls().blocking(() -> withTeamsNow(user));
    }

    /** As {@link #withTeams}. Blocking. */
    JsonObject withTeamsNow(User user) {
        JsonArray teams = new JsonArray();
        admin.stores().teamMembers().ofUser(user.userId()).forEach(member -> teams.add(member.teamId()));
        return user.toJson().put("teams", teams);
    }

    /** Tells the cluster the users, their keys and memberships are gone, and drops their counters. */
    Future<Void> forget(UserStore.Deleted deleted) {
        List<Future<Void>> gone = new ArrayList<>();
        deleted.userIds()
                .forEach(id -> gone.add(admin.directory().removedUser(id).compose(v -> admin.ledger()
                        .forget(SpendSubject.USER + id))));
        deleted.keyTokens()
                .forEach(token -> gone.add(admin.directory().removedKey(token).compose(v -> admin.ledger()
                        .forget(KeyGrants.keySubject(token)))));
        deleted.memberships()
                .forEach(pair -> gone.add(
                        admin.directory().removedMember(pair[0], pair[1]).compose(v -> admin.ledger()
                                .forget(SpendSubject.memberId(pair[0], pair[1])))));
        return Future.join(gone).mapEmpty();
    }
}
