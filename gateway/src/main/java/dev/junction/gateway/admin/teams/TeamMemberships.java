package dev.junction.gateway.admin.teams;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.Members;
import dev.junction.gateway.admin.users.UserAccounts;
import dev.junction.gateway.keys.TeamMember;
import dev.junction.gateway.keys.User;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adding users to a team, for {@code /team/new}'s {@code members_with_roles} and {@code /team/member_add}: a user
 * already in the team is refused as LiteLLM refuses it (400, {@code team_member_already_in_team}); a user that
 * does not exist yet is created.
 */
public final class TeamMemberships {
    private final AdminContext admin;

    public TeamMemberships(AdminContext admin) {
        this.admin = admin;
    }

    /**
     * What was added.
     *
     * @param users the members' users (created or found)
     * @param memberships the new memberships
     */
    public record Added(List<User> users, List<TeamMember> memberships) {}

    /** Adds the members (blocking), then tells the cluster about them. */
    public Future<Added> add(String teamId, List<Members> members, Double maxBudgetInTeam, Instant now) {
        return admin.calls()
                .blocking(() -> addNow(teamId, members, maxBudgetInTeam, now))
                .compose(added -> {
                    List<Future<Void>> published = new ArrayList<>();
                    added.users()
                            .forEach(user -> published.add(admin.directory().published(user)));
                    added.memberships()
                            .forEach(member -> published.add(admin.directory().published(member)));
                    return Future.all(published).map(added);
                });
    }

    private Added addNow(String teamId, List<Members> members, Double maxBudgetInTeam, Instant now) {
        List<TeamMember> existing = admin.stores().teamMembers().ofTeam(teamId);
        for (Members member : members) {
            refuseExisting(existing, member);
        }
        UserAccounts accounts = new UserAccounts(admin.stores().users());
        List<User> users = new ArrayList<>();
        List<TeamMember> added = new ArrayList<>();
        for (Members member : members) {
            User user = accounts.findOrCreate(member.userId(), member.userEmail(), now)
                    .user();
            if (added.stream().anyMatch(done -> done.userId().equals(user.userId()))
                    || existing.stream().anyMatch(done -> done.userId().equals(user.userId()))) {
                throw alreadyIn("user_id", user.userId(), existing);
            }
            TeamMember membership = new TeamMember(
                    teamId,
                    user.userId(),
                    member.userEmail() != null ? member.userEmail() : user.userEmail(),
                    member.role(),
                    maxBudgetInTeam,
                    0,
                    now,
                    now);
            admin.stores().teamMembers().insert(membership);
            users.add(user);
            added.add(membership);
        }
        return new Added(users, added);
    }

    private static void refuseExisting(List<TeamMember> existing, Members member) {
        for (TeamMember current : existing) {
            if (member.userId() != null && member.userId().equals(current.userId())) {
                throw alreadyIn("user_id", member.userId(), existing);
            }
            if (member.userEmail() != null && Objects.equals(member.userEmail(), current.userEmail())) {
                throw alreadyIn("user_email", member.userEmail(), existing);
            }
        }
    }

    private static GatewayException alreadyIn(String field, String value, List<TeamMember> existing) {
        return GatewayException.of(
                        ErrorKind.TEAM_MEMBER_ALREADY_IN_TEAM,
                        "User with " + field + "=" + value + " already in team. Existing members="
                                + existing.stream()
                                        .map(member -> member.asMemberWithRole().encode())
                                        .toList())
                .withParam(field);
    }
}
