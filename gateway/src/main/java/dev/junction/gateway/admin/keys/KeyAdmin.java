package dev.junction.gateway.admin.keys;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminCalls;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * LiteLLM's {@code /key/generate}, {@code /key/update}, {@code /key/info} and {@code /key/list}. The admins reach
 * every key; another user's key reaches the keys of its user (and itself) only ({@link KeyFinder#owns}).
 */
public final class KeyAdmin {
    private final AdminContext admin;
    private final KeyFinder keys;
    private final KeyGenerationPolicy generation;

    public KeyAdmin(AdminContext admin) {
        this.admin = admin;
        this.keys = new KeyFinder(admin);
        this.generation = new KeyGenerationPolicy(admin);
    }

    /**
     * Checked against {@code key_generation_settings} as sent, then made with the config's defaults and within its
     * bounds ({@link KeyParamLimits}), in LiteLLM's order.
     */
    public void generate(RoutingContext ctx) {
        AdminRequest sent = AdminRequest.parse(ctx.body().buffer(), KeySettings.FIELDS);
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        admin.calls()
                .answer(
                        ctx,
                        generation
                                .check(scope, sent)
                                .compose(ok -> make(KeyParamLimits.apply(sent, admin.keyManagement()), scope)));
    }

    private Future<JsonObject> make(AdminRequest request, AdminAccess.Scope scope) {
        String plain = request.has("key") ? request.required("key") : KeyHashes.newKey();
        if (!plain.startsWith("sk-")) {
            throw GatewayException.badField("key", "key must start with 'sk-'");
        }
        Instant now = admin.clock().instant();
        VirtualKey asked = KeySettings.apply(request, KeySettings.blank(plain, now), now);
        VirtualKey key = scope.all() || asked.userId() != null ? asked : KeySettings.apply(ownUser(scope), asked, now);
        return keys.mayAssign(scope, key.userId(), key.teamId(), null)
                .compose(ok -> keys.requireTeam(key.teamId()))
                .compose(ok -> insert(key))
                .map(made -> KeyJson.of(made).put("key", plain).put("token_id", made.token()));
    }

    /** Adds a key to the store and tells the cluster. */
    public Future<VirtualKey> insert(VirtualKey key) {
        return admin.calls()
                .blocking(() -> {
                    admin.keys().insertKey(key);
                    return key;
                })
                .compose(made -> admin.directory().published(made).map(made));
    }

    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), KeySettings.FIELDS);
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        String given = request.required("key");
        if (!scope.all() && (request.has("spend") || request.has("blocked"))) {
            // The user's own budget bounds its keys, but not if it could reset their spend or unblock them.
            throw AdminAccess.notYours(request.has("spend") ? "key's spend" : "key's block");
        }
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        keys.owned(given, scope)
                                .compose(current -> {
                                    VirtualKey changed = KeySettings.apply(request, current, now);
                                    return keys.mayAssign(scope, changed.userId(), changed.teamId(), current.teamId())
                                            .compose(ok -> keys.requireTeam(changed.teamId()))
                                            .compose(ok -> write(changed, request.has("spend")));
                                })
                                .map(done -> KeyJson.of(done).put("key", given)));
    }

    private Future<VirtualKey> write(VirtualKey changed, boolean spendSet) {
        return admin.calls()
                .blocking(() -> {
                    keys.save(changed);
                    if (spendSet) {
                        admin.keys().setSpend(KeyGrants.keySubject(changed.token()), changed.spend());
                    }
                    return changed;
                })
                .compose(done -> spendSet
                        ? admin.spendSet(KeyGrants.keySubject(done.token()), done.spend(), done.budgetResetAt(), done)
                        : Future.succeededFuture(done))
                .compose(done -> admin.directory().published(done).map(done));
    }

    /** {@code ?key=}: a key the caller reaches; without it, the calling key itself. */
    public void info(RoutingContext ctx) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        String given = ctx.request().getParam("key");
        if (given == null && scope.holder() != null) {
            given = scope.holder().key().token();
        }
        if (given == null || given.isBlank()) {
            throw GatewayException.badField("key", "key is required (the key or its token)");
        }
        String asked = given;
        admin.calls().answer(ctx, keys.owned(asked, scope).compose(key -> keys.withLiveSpend(key)
                .map(info -> new JsonObject().put("key", asked).put("info", info))));
    }

    /** LiteLLM's filters ({@link KeyListing}), a page of them: their tokens, or whole keys. */
    public void list(RoutingContext ctx) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        int page = AdminCalls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = AdminCalls.intParam(ctx, "size", 10, 1, 100);
        KeyListing listing = KeyListing.of(ctx);
        boolean full = "true".equalsIgnoreCase(ctx.request().getParam("return_full_object"));
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            List<VirtualKey> all = listing.byStore(scope) ? null : listing.keys(admin, scope);
            int total = all != null ? all.size() : admin.keys().countKeys(listing.teamId());
            int from = AdminCalls.offset(page, size);
            List<VirtualKey> listed = all != null
                    ? all.subList(Math.min(total, from), (int) Math.min(total, (long) from + size))
                    : admin.keys().listKeys(listing.teamId(), from, size);
            JsonArray answer = new JsonArray();
            listed.forEach(key -> answer.add(full ? KeyJson.of(key) : key.token()));
            return new JsonObject()
                    .put("keys", answer)
                    .put("total_count", total)
                    .put("current_page", page)
                    .put("total_pages", (total + size - 1) / size);
        }));
    }

    /** A request that sets the key's user to the caller's own: a user's key makes keys for its user. */
    private static AdminRequest ownUser(AdminAccess.Scope scope) {
        String userId = scope.holder().key().userId();
        if (userId == null) {
            throw GatewayException.of(
                    dev.junction.cluster.error.ErrorKind.PERMISSION_DENIED,
                    "A key without a user_id cannot make keys: ask an admin, or use a key of your user.");
        }
        return AdminRequest.of(new JsonObject().put("user_id", userId));
    }
}
