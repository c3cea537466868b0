package dev.junction.gateway.admin;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.cluster.spend.BudgetLedger;
import dev.junction.cluster.spend.SpendState;
import dev.junction.gateway.keys.KeyDirectory;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.Team;
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
import java.util.UUID;

/** LiteLLM's {@code /team/*} routes. Deleting a team deletes its keys too. */
final class TeamAdmin {
    private static final Map<String, FieldType> SETTINGS = SharedFields.with(
            Map.of("team_alias", FieldType.STRING, "team_id", FieldType.STRING, "model_aliases", FieldType.STRING_MAP));

    private static final Map<String, FieldType> ONE_TEAM = Map.of("team_id", FieldType.STRING);
    private static final Map<String, FieldType> DELETE = Map.of("team_ids", FieldType.STRING_LIST);
    private static final int KEYS_PER_PAGE = 500;

    private final KeyDirectory directory;
    private final KeyStore store;
    private final BudgetLedger ledger;
    private final AdminCalls calls;
    private final Clock clock;

    TeamAdmin(KeyDirectory directory, BudgetLedger ledger, AdminCalls calls, Clock clock) {
        this.directory = directory;
        this.store = directory.store();
        this.ledger = ledger;
        this.calls = calls;
        this.clock = clock;
    }

    void create(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), SETTINGS);
        Instant now = clock.instant();
        String id = request.string("team_id") == null ? UUID.randomUUID().toString() : request.required("team_id");
        Team team = settings(request, blank(id, now), now);
        calls.answer(
                ctx,
                calls.blocking(() -> {
                            store.insertTeam(team);
                            return team;
                        })
                        .compose(made -> directory.published(made).map(made))
                        .map(KeyJson::of));
    }

    void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), SETTINGS);
        String id = request.required("team_id");
        Instant now = clock.instant();
        calls.answer(
                ctx,
                existing(id)
                        .map(current -> settings(request, current, now))
                        .compose(changed -> calls.blocking(() -> {
                            if (!store.updateTeam(changed)) {
                                store.insertTeam(changed);
                            }
                            return changed;
                        }))
                        .compose(changed -> directory.published(changed).map(changed))
                        .map(KeyJson::of));
    }

    void info(RoutingContext ctx) {
        String id = ctx.request().getParam("team_id");
        if (id == null || id.isBlank()) {
            throw GatewayException.badField("team_id", "team_id is required");
        }
        calls.answer(ctx, existing(id).compose(team -> ledger.current(KeyGrants.teamSubject(id))
                .compose(live -> calls.blocking(() -> store.listKeys(id, 0, KEYS_PER_PAGE))
                        .map(keys -> {
                            JsonObject info = KeyJson.of(team);
                            live.map(SpendState::spend).ifPresent(spend -> info.put("spend", spend));
                            JsonArray listed = new JsonArray();
                            keys.forEach(key -> listed.add(KeyJson.of(key)));
                            return new JsonObject()
                                    .put("team_id", id)
                                    .put("team_info", info)
                                    .put("keys", listed);
                        }))));
    }

    void list(RoutingContext ctx) {
        int page = AdminCalls.intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = AdminCalls.intParam(ctx, "size", 100, 1, 1000);
        calls.answer(ctx, calls.blocking(() -> {
            JsonArray teams = new JsonArray();
            store.listTeams((page - 1) * size, size).forEach(team -> teams.add(KeyJson.of(team)));
            return new JsonObject().put("teams", teams);
        }));
    }

    void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        List<String> ids = request.strings("team_ids");
        if (ids.isEmpty()) {
            throw GatewayException.badField("team_ids", "team_ids is required");
        }
        calls.answer(
                ctx,
                calls.blocking(() -> {
                            List<String> keyTokens = new ArrayList<>();
                            for (String id : ids) {
                                int total = store.countKeys(id);
                                for (int offset = 0; offset < total; offset += KEYS_PER_PAGE) {
                                    store.listKeys(id, offset, KEYS_PER_PAGE).stream()
                                            .map(VirtualKey::token)
                                            .forEach(keyTokens::add);
                                }
                            }
                            List<String> deletedKeys = store.deleteKeys(keyTokens);
                            return new Deleted(store.deleteTeams(ids), deletedKeys);
                        })
                        .compose(deleted -> {
                            if (deleted.teams().isEmpty()) {
                                return Future.failedFuture(
                                        GatewayException.of(ErrorKind.NOT_FOUND, "None of the teams to delete exist")
                                                .withParam("team_ids"));
                            }
                            List<Future<Void>> gone = new ArrayList<>();
                            deleted.keys().forEach(token -> gone.add(directory.removedKey(token)));
                            deleted.teams()
                                    .forEach(id -> gone.add(directory
                                            .removedTeam(id)
                                            .compose(v -> ledger.forget(KeyGrants.teamSubject(id)))));
                            return Future.join(gone).map(done -> new JsonObject()
                                    .put("deleted_teams", new JsonArray(deleted.teams()))
                                    .put("deleted_keys", deleted.keys().size()));
                        }));
    }

    void block(RoutingContext ctx) {
        setBlocked(ctx, true);
    }

    void unblock(RoutingContext ctx) {
        setBlocked(ctx, false);
    }

    private record Deleted(List<String> teams, List<String> keys) {}

    private void setBlocked(RoutingContext ctx, boolean blocked) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ONE_TEAM);
        String id = request.required("team_id");
        Instant now = clock.instant();
        calls.answer(
                ctx,
                existing(id)
                        .map(team -> settings(AdminRequest.blockedOnly(blocked), team, now))
                        .compose(changed -> calls.blocking(() -> {
                            if (!store.updateTeam(changed)) {
                                store.insertTeam(changed);
                            }
                            return changed;
                        }))
                        .compose(changed -> directory.published(changed).map(changed))
                        .map(KeyJson::of));
    }

    /** The team as stored here, else as the cluster knows it (made on a node with a store of its own). */
    private Future<Team> existing(String id) {
        return calls.blocking(() -> store.findTeam(id))
                .compose(stored -> stored.isPresent() ? Future.succeededFuture(stored) : directory.team(id))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(
                                GatewayException.of(ErrorKind.NOT_FOUND, "Team " + id + " not found")
                                        .withParam("team_id"))));
    }

    private static Team blank(String id, Instant now) {
        return new Team(id, null, List.of(), null, null, null, null, null, null, null, null, 0, false, now, now);
    }

    private static Team settings(AdminRequest request, Team current, Instant now) {
        String budgetDuration =
                request.has("budget_duration") ? request.string("budget_duration") : current.budgetDuration();
        Instant budgetResetAt = SharedFields.budgetResetAt(request, current.budgetResetAt(), now);
        return new Team(
                current.teamId(),
                request.has("team_alias") ? request.string("team_alias") : current.teamAlias(),
                request.has("models") ? request.strings("models") : current.models(),
                request.has("model_aliases") ? request.stringMap("model_aliases") : current.modelAliases(),
                request.has("max_budget") ? request.money("max_budget") : current.maxBudget(),
                budgetDuration,
                budgetResetAt,
                request.has("rpm_limit") ? request.count("rpm_limit") : current.rpmLimit(),
                request.has("tpm_limit") ? request.count("tpm_limit") : current.tpmLimit(),
                request.has("max_parallel_requests")
                        ? request.smallCount("max_parallel_requests")
                        : current.maxParallelRequests(),
                SharedFields.metadata(request, current.metadata()),
                current.spend(),
                request.has("blocked") && request.flag("blocked") != null ? request.flag("blocked") : current.blocked(),
                current.createdAt(),
                now);
    }
}
