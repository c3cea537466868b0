package dev.junction.gateway.admin.teams;

import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.TeamMember;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which teams {@code /team/list} selects, by LiteLLM's filters: {@code user_id} (the teams the user is a member
 * of) and {@code organization_id} (the organisation's teams; {@code default_organization}: the teams of none). A
 * caller that reads only its own teams asking for another user's gets a 403 rather than its own teams.
 *
 * @param userId teams of this user, or null
 * @param organizationId teams of this organisation, or null
 */
record TeamListing(String userId, String organizationId) {
    /** LiteLLM's name for "no organisation" in this filter. */
    static final String NO_ORGANIZATION = "default_organization";

    private static final int ALL = Integer.MAX_VALUE;

    static TeamListing of(RoutingContext ctx) {
        return new TeamListing(param(ctx, "user_id"), param(ctx, "organization_id"));
    }

    private static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether the store's own paging serves it: every team. */
    boolean byStore(AdminAccess.Scope scope) {
        return scope.all() && userId == null && organizationId == null;
    }

    /** The teams selected, for a listing {@link #byStore} does not serve. Blocking (JDBC). */
    List<Team> teams(AdminContext admin, AdminAccess.Scope scope) {
        List<Team> candidates;
        if (!scope.all()) {
            if (userId != null && !userId.equals(scope.holder().key().userId())) {
                throw AdminAccess.notYours("user");
            }
            candidates = ownTeams(admin, scope);
        } else if (userId != null) {
            candidates = teams(admin, new ArrayList<>(), userId);
        } else if (organizationId != null && !NO_ORGANIZATION.equals(organizationId)) {
            candidates = admin.stores().organizations().teams(organizationId);
        } else {
            candidates = admin.keys().listTeams(0, ALL);
        }
        return candidates.stream().filter(this::inOrganization).toList();
    }

    private boolean inOrganization(Team team) {
        if (organizationId == null) {
            return true;
        }
        return NO_ORGANIZATION.equals(organizationId)
                ? team.organizationId() == null
                : Objects.equals(organizationId, team.organizationId());
    }

    /** The teams of the caller's user, and its key's own team. */
    private static List<Team> ownTeams(AdminContext admin, AdminAccess.Scope scope) {
        List<String> ids = new ArrayList<>();
        String teamId = scope.holder().key().teamId();
        if (teamId != null) {
            ids.add(teamId);
        }
        return teams(admin, ids, scope.holder().key().userId());
    }

    /** The teams {@code ids} names, then those {@code userId} (if any) is a member of. */
    private static List<Team> teams(AdminContext admin, List<String> ids, String userId) {
        if (userId != null) {
            admin.stores().teamMembers().ofUser(userId).stream()
                    .map(TeamMember::teamId)
                    .filter(id -> !ids.contains(id))
                    .forEach(ids::add);
        }
        return ids.stream()
                .map(id -> admin.keys().findTeam(id))
                .flatMap(Optional::stream)
                .toList();
    }
}
