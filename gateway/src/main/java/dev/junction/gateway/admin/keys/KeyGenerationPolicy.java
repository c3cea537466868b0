package dev.junction.gateway.admin.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.config.KeyManagementSettings.KeyGenerationRules;
import dev.junction.config.KeyManagementSettings.Rule;
import dev.junction.config.PythonRepr;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.keys.TeamMember;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;

/**
 * LiteLLM's {@code key_generation_settings}, checked on the {@code /key/generate} request as sent (before any
 * default is filled in), with LiteLLM's 400s. A team key (one naming a {@code team_id}) is held to {@code
 * team_key_generation}, which proxy admins skip: the caller must be a member of the team in an allowed role, and
 * a user the key is given to a member too. Any other key is held to {@code personal_key_generation}, admins
 * included. Without {@code key_generation_settings} nothing is checked here.
 */
final class KeyGenerationPolicy {
    private final AdminContext admin;

    KeyGenerationPolicy(AdminContext admin) {
        this.admin = admin;
    }

    Future<Void> check(AdminAccess.Scope scope, AdminRequest request) {
        KeyGenerationRules rules = admin.keyManagement().keyGeneration();
        if (rules == null) {
            return Future.succeededFuture();
        }
        String teamId = request.string("team_id");
        if (teamId != null) {
            return admin.directory().team(teamId).compose(team -> {
                if (team.isEmpty()) {
                    throw GatewayException.badField(
                            "team_id", "Unable to find team object in database. Team ID: " + teamId);
                }
                return isProxyAdmin(scope) ? Future.succeededFuture() : teamKey(scope, request, teamId, rules.team());
            });
        }
        Rule personal = rules.personal();
        if (personal == null) {
            return Future.succeededFuture();
        }
        String role = role(scope);
        if (personal.allowedRoles() != null && !personal.allowedRoles().contains(role)) {
            throw GatewayException.of(
                    ErrorKind.BAD_REQUEST,
                    "Personal key creation has been restricted by admin. Allowed roles="
                            + pythonList(personal.allowedRoles()) + ". Your role=" + (role == null ? "None" : role));
        }
        requireParams(request, personal);
        return Future.succeededFuture();
    }

    private Future<Void> teamKey(AdminAccess.Scope scope, AdminRequest request, String teamId, Rule rule) {
        String assigned = request.string("user_id");
        String caller = scope.holder().key().userId();
        Future<Optional<TeamMember>> assignedMember =
                assigned == null ? Future.succeededFuture(Optional.empty()) : member(teamId, assigned);
        return assignedMember
                .compose(found -> {
                    if (assigned != null && found.isEmpty()) {
                        throw notInTeam("user_id", assigned, teamId);
                    }
                    return member(teamId, caller);
                })
                .compose(found -> {
                    TeamMember member = found.orElseThrow(() -> notInTeam("team_id", caller, teamId));
                    if (rule.allowedRoles() != null && !rule.allowedRoles().contains(member.role())) {
                        throw GatewayException.badField(
                                "team_id",
                                "Team member role " + member.role() + " not in allowed_team_member_roles="
                                        + pythonList(rule.allowedRoles()));
                    }
                    requireParams(request, rule);
                    return Future.succeededFuture();
                });
    }

    private Future<Optional<TeamMember>> member(String teamId, String userId) {
        return userId == null
                ? Future.succeededFuture(Optional.empty())
                : admin.directory().member(teamId, userId);
    }

    /** Set in the request, even to null, as LiteLLM counts the fields a request sets. */
    private static void requireParams(AdminRequest request, Rule rule) {
        for (String param : rule.requiredParams()) {
            if (!request.has(param)) {
                throw GatewayException.badField(param, "Required param " + param + " not in data");
            }
        }
    }

    private static GatewayException notInTeam(String param, String userId, String teamId) {
        return GatewayException.badField(param, "User=" + userId + " not assigned to team=" + teamId);
    }

    /** The master key, an admin's token and a {@code proxy_admin} user's key. */
    private static boolean isProxyAdmin(AdminAccess.Scope scope) {
        return scope.all() && scope.writes();
    }

    /** The caller's LiteLLM role: the master key is a proxy admin; a key without a user has none. */
    private static String role(AdminAccess.Scope scope) {
        if (scope.holder() == null) {
            return "proxy_admin";
        }
        return scope.holder().user() == null ? null : scope.holder().user().userRole();
    }

    private static String pythonList(List<String> values) {
        return PythonRepr.repr(new JsonArray(values));
    }
}
