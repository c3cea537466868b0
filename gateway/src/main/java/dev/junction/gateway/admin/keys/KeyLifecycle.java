package dev.junction.gateway.admin.keys;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** LiteLLM's {@code /key/delete}, {@code /key/regenerate}, {@code /key/block} and {@code /key/unblock}. */
public final class KeyLifecycle {
    private static final Map<String, FieldType> ONE_KEY = Map.of("key", FieldType.STRING);
    private static final Map<String, FieldType> DELETE =
            Map.of("keys", FieldType.STRING_LIST, "key_aliases", FieldType.STRING_LIST);

    private final AdminContext admin;
    private final KeyFinder keys;

    public KeyLifecycle(AdminContext admin) {
        this.admin = admin;
        this.keys = new KeyFinder(admin);
    }

    /** Deletes keys the caller reaches; one it does not reach refuses the whole request, before any deletion. */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        List<String> givenKeys = request.strings("keys");
        List<String> aliases = request.strings("key_aliases");
        if (givenKeys.isEmpty() && aliases.isEmpty()) {
            throw GatewayException.badField("keys", "keys or key_aliases is required");
        }
        admin.calls()
                .answer(
                        ctx,
                        admin.calls()
                                .blocking(() -> {
                                    List<String> tokens = new ArrayList<>();
                                    givenKeys.forEach(given -> tokens.add(KeyFinder.tokenOf(given)));
                                    for (String alias : aliases) {
                                        admin.keys().findKeyByAlias(alias).ifPresent(key -> tokens.add(key.token()));
                                    }
                                    return tokens;
                                })
                                .compose(tokens -> Future.all(tokens.stream()
                                                .map(token -> admin.directory().key(token))
                                                .toList())
                                        .map(found -> found.<java.util.Optional<VirtualKey>>list().stream()
                                                .flatMap(java.util.Optional::stream)
                                                .toList()))
                                .compose(known -> known.stream().allMatch(key -> KeyFinder.owns(scope, key))
                                        ? removeAll(known.stream()
                                                .map(VirtualKey::token)
                                                .toList())
                                        : Future.failedFuture(AdminAccess.notYours("key")))
                                .map(deleted -> new JsonObject()
                                        .put(
                                                "deleted_keys",
                                                new JsonArray(givenKeys.isEmpty() ? aliases : givenKeys))));
    }

    /** Deletes keys from the store, the cluster cache and the ledger; a 404 when none of them exists. */
    private Future<List<String>> removeAll(List<String> tokens) {
        return admin.calls()
                .blocking(() -> {
                    admin.keys().deleteKeys(tokens);
                    return tokens;
                })
                .compose(deleted -> {
                    if (deleted.isEmpty()) {
                        return Future.failedFuture(
                                GatewayException.of(ErrorKind.NOT_FOUND, "None of the keys to delete exist")
                                        .withParam("keys"));
                    }
                    return Future.join(deleted.stream()
                                    .map(token -> admin.directory()
                                            .removedKey(token)
                                            .compose(v -> admin.ledger().forget(KeyGrants.keySubject(token))))
                                    .toList())
                            .map(deleted);
                });
    }

    public void regenerate(RoutingContext ctx) {
        String fromPath = ctx.pathParam("key");
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_KEY);
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        String given = fromPath != null ? fromPath : request.required("key");
        String plain = KeyHashes.newKey();
        String token = KeyHashes.token(plain);
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        keys.owned(given, scope)
                                .compose(old -> admin.ledger()
                                        .current(KeyGrants.keySubject(old.token()))
                                        .compose(live -> renew(old, token, KeyHashes.displayName(plain), now, live)))
                                .map(renewed ->
                                        KeyJson.of(renewed).put("key", plain).put("token_id", token)));
    }

    /**
     * The key under its new token, with the spend the cluster counts for it: the store may not hold the latest
     * calls' yet (they are written every {@code proxy_batch_write_at}), and the old token's counter is forgotten,
     * so without it a key could shed that spend from its budget by being regenerated.
     */
    private Future<VirtualKey> renew(
            VirtualKey old, String token, String name, Instant now, Optional<SpendState> live) {
        String subject = KeyGrants.keySubject(token);
        return admin.calls()
                .blocking(() -> {
                    if (!admin.keys().replaceToken(old.token(), token, name, now)) {
                        // Made on a node with a store of its own: this store gets it.
                        admin.keys().insertKey(KeySettings.renamed(old, token, name, now));
                    }
                    live.ifPresent(counted -> admin.keys().setSpend(subject, counted.spend()));
                    return admin.keys().findKey(token).orElseThrow();
                })
                .compose(renewed -> live.isPresent()
                        ? admin.spendSet(subject, live.get().spend(), renewed.budgetResetAt(), renewed)
                        : Future.succeededFuture(renewed))
                .compose(renewed -> admin.directory()
                        .removedKey(old.token())
                        .compose(v -> admin.ledger().forget(KeyGrants.keySubject(old.token())))
                        .compose(v -> admin.directory().published(renewed))
                        .map(renewed));
    }

    public void block(RoutingContext ctx) {
        setBlocked(ctx, true);
    }

    public void unblock(RoutingContext ctx) {
        setBlocked(ctx, false);
    }

    private void setBlocked(RoutingContext ctx, boolean blocked) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_KEY);
        String given = request.required("key");
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        keys.existing(given)
                                .map(key -> KeySettings.apply(AdminRequest.blockedOnly(blocked), key, now))
                                .compose(changed -> admin.calls().blocking(() -> {
                                    keys.save(changed);
                                    return changed;
                                }))
                                .compose(changed ->
                                        admin.directory().published(changed).map(changed))
                                .map(KeyJson::of));
    }
}
