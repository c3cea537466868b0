package dev.junction.gateway.admin.endusers;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.EndUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's {@code /end_user/info}, {@code /end_user/list}, {@code /end_user/delete}, {@code /end_user/block} and
 * {@code /end_user/unblock} (also under {@code /customer/}). An end user is answered with its budget as {@code
 * litellm_budget_table}.
 */
public final class EndUserViews {
    private static final Map<String, FieldType> USER_IDS = Map.of("user_ids", FieldType.STRING_LIST);

    private final AdminContext admin;

    public EndUserViews(AdminContext admin) {
        this.admin = admin;
    }

    public void info(RoutingContext ctx) {
        String id = ctx.request().getParam("end_user_id");
        if (id == null || id.isBlank()) {
            throw GatewayException.badField("end_user_id", "end_user_id is required");
        }
        admin.calls().answer(ctx, existing(id, "end_user_id").compose(this::withBudget));
    }

    public void list(RoutingContext ctx) {
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray all = new JsonArray();
            for (EndUser endUser : admin.stores().endUsers().list()) {
                all.add(withBudgetNow(endUser));
            }
            return all;
        }));
    }

    /** Refuses the whole request (404) when any id is unknown, as LiteLLM does. */
    public void delete(RoutingContext ctx) {
        List<String> ids = userIds(ctx);
        admin.calls()
                .answer(
                        ctx,
                        admin.calls()
                                .blocking(() -> {
                                    List<String> missing = ids.stream()
                                            .filter(id -> admin.stores()
                                                    .endUsers()
                                                    .find(id)
                                                    .isEmpty())
                                            .toList();
                                    if (!missing.isEmpty()) {
                                        throw GatewayException.of(
                                                        ErrorKind.NOT_FOUND,
                                                        "End User Id(s)=" + String.join(", ", missing)
                                                                + " do not exist in db")
                                                .withParam("user_ids");
                                    }
                                    return admin.stores().endUsers().delete(ids);
                                })
                                .compose(deleted -> Future.join(deleted.stream()
                                                .map(id -> admin.directory()
                                                        .removedEndUser(id)
                                                        .compose(v ->
                                                                admin.ledger().forget(SpendSubject.END_USER + id)))
                                                .toList())
                                        .map(done -> new JsonObject()
                                                .put("deleted_customers", deleted.size())
                                                .put("message", "Successfully deleted customers with ids: " + ids))));
    }

    public void block(RoutingContext ctx) {
        setBlocked(ctx, true);
    }

    public void unblock(RoutingContext ctx) {
        setBlocked(ctx, false);
    }

    /** Blocks (or unblocks) each end user, making those that do not exist yet, as LiteLLM's upsert does. */
    private void setBlocked(RoutingContext ctx, boolean blocked) {
        List<String> ids = userIds(ctx);
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        admin.calls()
                                .blocking(() -> {
                                    List<EndUser> changed = new ArrayList<>();
                                    for (String id : ids) {
                                        changed.add(upsertBlocked(id, blocked, now));
                                    }
                                    return changed;
                                })
                                .compose(changed -> Future.all(changed.stream()
                                                .map(endUser ->
                                                        admin.directory().published(endUser))
                                                .toList())
                                        .map(done -> {
                                            JsonArray rows = new JsonArray();
                                            changed.forEach(endUser -> rows.add(endUser.toJson()));
                                            return new JsonObject().put("blocked_users", rows);
                                        })));
    }

    private EndUser upsertBlocked(String id, boolean blocked, Instant now) {
        Optional<EndUser> current = admin.stores().endUsers().find(id);
        AdminRequest change = AdminRequest.of(new JsonObject().put("blocked", blocked));
        if (current.isPresent()) {
            Budget budget = current.get().budgetId() == null
                    ? null
                    : admin.stores().budgets().find(current.get().budgetId()).orElse(null);
            EndUser changed = EndUserAdmin.apply(change, current.get(), budget, now);
            admin.stores().endUsers().update(changed);
            return changed;
        }
        EndUser made = EndUserAdmin.apply(change, EndUserAdmin.blank(id, now), null, now);
        admin.stores().endUsers().insert(made);
        return made;
    }

    private static List<String> userIds(RoutingContext ctx) {
        List<String> ids = AdminRequest.parse(ctx.body().buffer(), USER_IDS).strings("user_ids");
        if (ids.isEmpty()) {
            throw GatewayException.badField("user_ids", "user_ids is required");
        }
        return ids;
    }

    /** The end user, or a 404 naming {@code param}. */
    Future<EndUser> existing(String id, String param) {
        return admin.calls().blocking(() -> admin.stores().endUsers().find(id)).compose(found -> found.map(
                        Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(
                        GatewayException.of(ErrorKind.NOT_FOUND, "End User Id=" + id + " does not exist in db")
                                .withParam(param))));
    }

    Future<JsonObject> withBudget(EndUser endUser) {
        return admin.calls().blocking(() -> withBudgetNow(endUser));
    }

    /** LiteLLM's end user answer: the row with its budget. Blocking. */
    private JsonObject withBudgetNow(EndUser endUser) {
        JsonObject budget = endUser.budgetId() == null
                ? null
                : admin.stores()
                        .budgets()
                        .find(endUser.budgetId())
                        .map(Budget::toJson)
                        .orElse(null);
        return endUser.toJson().put("litellm_budget_table", budget);
    }
}
