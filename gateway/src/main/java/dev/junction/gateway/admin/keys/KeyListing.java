package dev.junction.gateway.admin.keys;

import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which keys {@code /key/list} selects, by LiteLLM's filters ({@code user_id}, {@code team_id}, {@code
 * organization_id}, {@code key_alias}, {@code key_hash}), all of those given at once. A caller that reads only
 * its own keys asking for another user's gets LiteLLM's 403 rather than its own keys under another name.
 *
 * @param userId keys of this user, or null
 * @param teamId keys of this team, or null
 * @param organizationId keys of the teams of this organisation, or null
 * @param keyAlias the key with this alias, or null
 * @param keyHash the key with this token, or null
 */
record KeyListing(String userId, String teamId, String organizationId, String keyAlias, String keyHash) {
    /** No team's page can be longer: a filter that is not the store's own is applied to every key it names. */
    private static final int ALL = Integer.MAX_VALUE;

    static KeyListing of(RoutingContext ctx) {
        return new KeyListing(
                param(ctx, "user_id"),
                param(ctx, "team_id"),
                param(ctx, "organization_id"),
                param(ctx, "key_alias"),
                param(ctx, "key_hash"));
    }

    private static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether the store's own paging serves it: every key, or a team's. */
    boolean byStore(AdminAccess.Scope scope) {
        return scope.all() && userId == null && organizationId == null && keyAlias == null && keyHash == null;
    }

    /** The keys selected, for a listing {@link #byStore} does not serve. Blocking (JDBC). */
    List<VirtualKey> keys(AdminContext admin, AdminAccess.Scope scope) {
        List<VirtualKey> candidates;
        if (!scope.all()) {
            candidates = ownKeys(admin, scope);
        } else if (userId != null) {
            candidates = admin.stores().users().keysOf(userId);
        } else if (keyHash != null) {
            candidates = admin.keys().findKey(keyHash).stream().toList();
        } else if (keyAlias != null) {
            candidates = admin.keys().findKeyByAlias(keyAlias).stream().toList();
        } else {
            candidates = keysOfOrganization(admin);
        }
        List<String> organizationTeams = organizationId == null
                ? null
                : admin.stores().organizations().teams(organizationId).stream()
                        .map(Team::teamId)
                        .toList();
        return candidates.stream()
                .filter(key -> userId == null || userId.equals(key.userId()))
                .filter(key -> teamId == null || teamId.equals(key.teamId()))
                .filter(key -> keyAlias == null || keyAlias.equals(key.keyAlias()))
                .filter(key -> keyHash == null || keyHash.equals(key.token()))
                .filter(key -> organizationTeams == null || organizationTeams.contains(key.teamId()))
                .toList();
    }

    /** The caller's keys: its user's, or only itself when it has no user; another user's is a 403. */
    private List<VirtualKey> ownKeys(AdminContext admin, AdminAccess.Scope scope) {
        VirtualKey caller = scope.holder().key();
        if (userId != null && !Objects.equals(userId, caller.userId())) {
            throw AdminAccess.notYours("user");
        }
        return caller.userId() == null
                ? List.of(caller)
                : admin.stores().users().keysOf(caller.userId());
    }

    private List<VirtualKey> keysOfOrganization(AdminContext admin) {
        List<VirtualKey> keys = new ArrayList<>();
        for (Team team : admin.stores().organizations().teams(organizationId)) {
            keys.addAll(admin.keys().listKeys(team.teamId(), 0, ALL));
        }
        return keys;
    }
}
