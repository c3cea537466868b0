package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.keys.DurationText;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyHashes;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** LiteLLM's {@code /key/*} routes: virtual keys made, changed, blocked, regenerated, listed and deleted. */
final class KeyAdmin {
    /** The settings a key has, in {@code /key/generate} and {@code /key/update}. */
    private static final Map<String, FieldType> SETTINGS = SharedFields.with(Map.of(
            "key_alias", FieldType.STRING,
            "duration", FieldType.DURATION,
            "spend", FieldType.MONEY,
            "user_id", FieldType.STRING,
            "team_id", FieldType.STRING,
            "aliases", FieldType.STRING_MAP,
            "allowed_cache_controls", FieldType.STRING_LIST,
            "key", FieldType.STRING));

    private static final Map<String, FieldType> ONE_KEY = Map.of("key", FieldType.STRING);
    private static final Map<String, FieldType> DELETE =
            Map.of("keys", FieldType.STRING_LIST, "key_aliases", FieldType.STRING_LIST);

    private final KeyDirectory directory;
    private final KeyStore store;
    private final BudgetLedger ledger;
    private final AdminCalls calls;
    private final Clock clock;

    KeyAdmin(KeyDirectory directory, BudgetLedger ledger, AdminCalls calls, Clock clock) {
        this.directory = directory;
        this.store = directory.store();
        this.ledger = ledger;
        this.calls = calls;
        this.clock = clock;
    }

    void generate(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), SETTINGS);
        String plain = request.has("key") ? request.required("key") : KeyHashes.newKey();
        if (!plain.startsWith("sk-")) {
            throw GatewayException.badField("key", "key must start with 'sk-'");
        }
        Instant now = clock.instant();
        VirtualKey key = settings(request, blank(KeyHashes.token(plain), KeyHashes.displayName(plain), now), now);
        calls.answer(
                ctx,
                requireTeam(key.teamId())
                        .compose(ok -> calls.blocking(() -> {
                            store.insertKey(key);
                            return key;
                        }))
                        .compose(made -> directory.published(made).map(made))
                        .map(made -> KeyJson.of(made).put("key", plain)));
    }

    void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), SETTINGS);
        String given = request.required("key");
        Instant now = clock.instant();
        calls.answer(
                ctx,
                existing(given)
                        .compose(current -> {
                            VirtualKey changed = settings(request, current, now);
                            return requireTeam(changed.teamId())
                                    .compose(ok -> calls.blocking(() -> {
                                        save(changed);
                                        if (request.has("spend")) {
                                            store.setSpend(KeyGrants.keySubject(changed.token()), changed.spend());
                                        }
                                        return changed;
                                    }))
                                    .compose(done ->
                                            request.has("spend") ? liveSpendSet(done) : Future.succeededFuture(done));
                        })
                        .compose(done -> directory.published(done).map(done))
                        .map(done -> KeyJson.of(done).put("key", given)));
    }

    void info(RoutingContext ctx) {
        String given = ctx.request().getParam("key");
        if (given == null || given.isBlank()) {
            throw GatewayException.badField("key", "key is required (the key or its token)");
        }
        calls.answer(ctx, existing(given).compose(key -> withLiveSpend(key)
                .map(info -> new JsonObject().put("key", given).put("info", info))));
    }

    void list(RoutingContext ctx) {
        int page = AdminCalls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = AdminCalls.intParam(ctx, "size", 10, 1, 100);
        String teamId = ctx.request().getParam("team_id");
        boolean full = "true".equalsIgnoreCase(ctx.request().getParam("return_full_object"));
        calls.answer(ctx, calls.blocking(() -> {
            int total = store.countKeys(teamId);
            List<VirtualKey> keys = store.listKeys(teamId, (page - 1) * size, size);
            JsonArray listed = new JsonArray();
            keys.forEach(key -> listed.add(full ? KeyJson.of(key) : key.token()));
            return new JsonObject()
                    .put("keys", listed)
                    .put("total_count", total)
                    .put("current_page", page)
                    .put("total_pages", (total + size - 1) / size);
        }));
    }

    void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        List<String> givenKeys = request.strings("keys");
        List<String> aliases = request.strings("key_aliases");
        if (givenKeys.isEmpty() && aliases.isEmpty()) {
            throw GatewayException.badField("keys", "keys or key_aliases is required");
        }
        calls.answer(
                ctx,
                calls.blocking(() -> {
                            List<String> tokens = new ArrayList<>();
                            givenKeys.forEach(given -> tokens.add(tokenOf(given)));
                            for (String alias : aliases) {
                                store.findKeyByAlias(alias).ifPresent(key -> tokens.add(key.token()));
                            }
                            return tokens;
                        })
                        .compose(tokens -> Future.all(tokens.stream()
                                        .map(token ->
                                                directory.key(token).map(found -> found.isPresent() ? token : null))
                                        .toList())
                                .map(found -> found.<String>list().stream()
                                        .filter(java.util.Objects::nonNull)
                                        .toList()))
                        .compose(known -> calls.blocking(() -> {
                            store.deleteKeys(known);
                            return known;
                        }))
                        .compose(deleted -> {
                            if (deleted.isEmpty()) {
                                return Future.failedFuture(
                                        GatewayException.of(ErrorKind.NOT_FOUND, "None of the keys to delete exist")
                                                .withParam("keys"));
                            }
                            return Future.join(deleted.stream()
                                            .map(token -> directory
                                                    .removedKey(token)
                                                    .compose(v -> ledger.forget(KeyGrants.keySubject(token))))
                                            .toList())
                                    .map(done -> new JsonObject()
                                            .put(
                                                    "deleted_keys",
                                                    new JsonArray(givenKeys.isEmpty() ? aliases : givenKeys)));
                        }));
    }

    void regenerate(RoutingContext ctx) {
        String fromPath = ctx.pathParam("key");
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_KEY);
        String given = fromPath != null ? fromPath : request.required("key");
        String plain = KeyHashes.newKey();
        String token = KeyHashes.token(plain);
        Instant now = clock.instant();
        calls.answer(
                ctx,
                existing(given)
                        .compose(old -> calls.blocking(() -> {
                                    if (!store.replaceToken(old.token(), token, KeyHashes.displayName(plain), now)) {
                                        // Made on a node with a store of its own: this store gets the renewed key.
                                        store.insertKey(renamed(old, token, KeyHashes.displayName(plain), now));
                                    }
                                    return store.findKey(token).orElseThrow();
                                })
                                .compose(renewed -> directory
                                        .removedKey(old.token())
                                        .compose(v -> ledger.forget(KeyGrants.keySubject(old.token())))
                                        .compose(v -> directory.published(renewed))
                                        .map(renewed)))
                        .map(renewed -> KeyJson.of(renewed).put("key", plain)));
    }

    void block(RoutingContext ctx) {
        setBlocked(ctx, true);
    }

    void unblock(RoutingContext ctx) {
        setBlocked(ctx, false);
    }

    private void setBlocked(RoutingContext ctx, boolean blocked) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_KEY);
        String given = request.required("key");
        Instant now = clock.instant();
        calls.answer(
                ctx,
                existing(given)
                        .map(key -> settings(AdminRequest.blockedOnly(blocked), key, now))
                        .compose(changed -> calls.blocking(() -> {
                            save(changed);
                            return changed;
                        }))
                        .compose(changed -> directory.published(changed).map(changed))
                        .map(KeyJson::of));
    }

    /**
     * The key as stored here, else as the cluster knows it: with an embedded store per node, a key made on
     * another node is only in the cluster cache.
     */
    private Future<VirtualKey> existing(String given) {
        String token = tokenOf(given);
        return calls.blocking(() -> store.findKey(token))
                .compose(stored -> stored.isPresent() ? Future.succeededFuture(stored) : directory.key(token))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(GatewayException.of(ErrorKind.NOT_FOUND, "Key not found")
                                .withParam("key"))));
    }

    /** Writes a changed key; one this store has never held (made on another node) is added. Blocking. */
    private void save(VirtualKey changed) {
        if (!store.updateKey(changed)) {
            store.insertKey(changed);
        }
    }

    private static VirtualKey renamed(VirtualKey key, String token, String keyName, Instant now) {
        return new VirtualKey(
                        token,
                        keyName,
                        key.keyAlias(),
                        key.models(),
                        key.expires(),
                        key.maxBudget(),
                        key.budgetDuration(),
                        key.budgetResetAt(),
                        key.rpmLimit(),
                        key.tpmLimit(),
                        key.maxParallelRequests(),
                        key.metadata(),
                        key.aliases(),
                        key.teamId(),
                        key.userId(),
                        key.spend(),
                        key.blocked(),
                        key.createdAt(),
                        now)
                .withAllowedCacheControls(key.allowedCacheControls());
    }

    private Future<Void> requireTeam(String teamId) {
        if (teamId == null) {
            return Future.succeededFuture();
        }
        return directory
                .team(teamId)
                .compose(team -> team.isPresent()
                        ? Future.succeededFuture()
                        : Future.failedFuture(
                                GatewayException.badField("team_id", "team_id " + teamId + " does not exist")));
    }

    /** The cluster's counter takes the spend set: calls settled before no longer count, calls running add to it. */
    private Future<VirtualKey> liveSpendSet(VirtualKey key) {
        long resetAt = key.budgetResetAt() == null ? 0 : key.budgetResetAt().toEpochMilli();
        return ledger.setSpend(KeyGrants.keySubject(key.token()), key.spend(), resetAt)
                .map(key);
    }

    private Future<JsonObject> withLiveSpend(VirtualKey key) {
        return ledger.current(KeyGrants.keySubject(key.token())).map(live -> {
            JsonObject info = KeyJson.of(key);
            live.map(SpendState::spend).ifPresent(spend -> info.put("spend", spend));
            return info;
        });
    }

    /** A key as given to the admin API: the key itself ({@code sk-...}) or its stored token. */
    static String tokenOf(String given) {
        return given.startsWith("sk-") ? KeyHashes.token(given) : given;
    }

    private static VirtualKey blank(String token, String keyName, Instant now) {
        return new VirtualKey(
                token, keyName, null, List.of(), null, null, null, null, null, null, null, null, null, null, null, 0,
                false, now, now);
    }

    /** {@code current} with every setting the request names applied; a field given as null clears it. */
    private static VirtualKey settings(AdminRequest request, VirtualKey current, Instant now) {
        String budgetDuration =
                request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration();
        Instant budgetResetAt = SharedFields.budgetResetAt(request, current.budgetResetAt(), now);
        Instant expires = current.expires();
        if (request.has("duration")) {
            String duration = request.string("duration");
            expires = duration == null ? null : now.plus(DurationText.parse(duration));
        }
        return new VirtualKey(
                        current.token(),
                        current.keyName(),
                        request.has("key_alias") ? request.string("key_alias") : current.keyAlias(),
                        request.has("models") ? request.strings("models") : current.models(),
                        expires,
                        request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                        budgetDuration,
                        budgetResetAt,
                        request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                        request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                        request.has("max_parallel_requests")
                                ? request.smallCount("max_parallel_requests")
                                : current.maxParallelRequests(),
                        SharedFields.metadata(request, current.metadata()),
                        request.has("aliases") ? request.stringMap("aliases") : current.aliases(),
                        request.has("team_id") ? request.string("team_id") : current.teamId(),
                        request.has("user_id") ? request.string("user_id") : current.userId(),
                        request.has("spend") && request.money("spend") != null
                                ? request.money("spend")
                                : current.spend(),
                        request.has("blocked") && request.flag("blocked") != null
                                ? request.flag("blocked")
                                : current.blocked(),
                        current.createdAt(),
                        now)
                .withAllowedCacheControls(
                        request.has("allowed_cache_controls")
                                ? request.strings("allowed_cache_controls")
                                : current.allowedCacheControls());
    }
}
