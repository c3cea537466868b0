package dev.junction.gateway.admin.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Finding, owning and saving keys: what the key routes share. */
final class KeyFinder {
    private final AdminContext admin;

    KeyFinder(AdminContext admin) {
        this.admin = admin;
    }

    /** A key as given to the admin API: the key itself ({@code sk-...}) or its stored token. */
    static String tokenOf(String given) {
        return given.startsWith("sk-") ? KeyHashes.token(given) : given;
    }

    /**
     * The key as stored here, else as the cluster knows it: with an embedded store per node, a key made on
     * another node is only in the cluster cache. A 404 when neither has it.
     */
    Future<VirtualKey> existing(String given) {
        String token = tokenOf(given);
        return admin.calls()
                .blocking(() -> admin.keys().findKey(token))
                .compose(stored -> stored.isPresent()
                        ? Future.succeededFuture(stored)
                        : admin.directory().key(token))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(GatewayException.of(ErrorKind.NOT_FOUND, "Key not found")
                                .withParam("key"))));
    }

    /** {@link #existing}, refused with a 403 unless the caller reaches it. */
    Future<VirtualKey> owned(String given, AdminAccess.Scope scope) {
        return existing(given)
                .compose(key -> owns(scope, key)
                        ? Future.succeededFuture(key)
                        : Future.failedFuture(AdminAccess.notYours("key")));
    }

    /** Whether the caller reaches a key: every key, or its own, or its user's. */
    static boolean owns(AdminAccess.Scope scope, VirtualKey key) {
        if (scope.all()) {
            return true;
        }
        VirtualKey caller = scope.holder().key();
        return caller.token().equals(key.token())
                || (caller.userId() != null && caller.userId().equals(key.userId()));
    }

    /** Writes a changed key; one this store has never held (made on another node) is added. Blocking. */
    void save(VirtualKey changed) {
        if (!admin.keys().updateKey(changed)) {
            admin.keys().insertKey(changed);
        }
    }

    /** A 400 naming {@code team_id} when the team does not exist. */
    Future<Void> requireTeam(String teamId) {
        if (teamId == null) {
            return Future.succeededFuture();
        }
        return admin.directory()
                .team(teamId)
                .compose(team -> team.isPresent()
                        ? Future.succeededFuture()
                        : Future.failedFuture(
                                GatewayException.badField("team_id", "team_id " + teamId + " does not exist")));
    }

    /**
     * Refused with a 403 unless the caller may give a key this user and team: any, for the admins; else its
     * own user, and a team that user is a member of.
     */
    Future<Void> mayAssign(AdminAccess.Scope scope, String userId, String teamId, String previousTeamId) {
        if (scope.all()) {
            return Future.succeededFuture();
        }
        String own = scope.holder().key().userId();
        if (own == null || !own.equals(userId)) {
            return Future.failedFuture(AdminAccess.notYours("user"));
        }
        if (teamId == null || teamId.equals(previousTeamId)) {
            return Future.succeededFuture();
        }
        return admin.directory()
                .member(teamId, own)
                .compose(member -> member.isPresent()
                        ? Future.succeededFuture()
                        : Future.failedFuture(AdminAccess.notYours("team")));
    }

    /** The key's JSON with the cluster's live spend in place of the stored one. */
    Future<JsonObject> withLiveSpend(VirtualKey key) {
        return admin.ledger().current(KeyGrants.keySubject(key.token())).map(live -> {
            JsonObject info = KeyJson.of(key);
            live.map(SpendState::spend).ifPresent(spend -> info.put("spend", spend));
            return info;
        });
    }
}
