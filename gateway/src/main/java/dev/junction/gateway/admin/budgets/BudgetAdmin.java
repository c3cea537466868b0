package dev.junction.gateway.admin.budgets;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DuplicateEntryException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's {@code /budget/new}, {@code /budget/update}, {@code /budget/info}, {@code /budget/list} and {@code
 * /budget/delete}. A budget's limits hold for every end user and organisation that references it, on every
 * node: a change reaches them through the cluster cache.
 */
public final class BudgetAdmin {
    private static final Map<String, FieldType> FIELDS = withId();
    private static final Map<String, FieldType> INFO = Map.of("budgets", FieldType.STRING_LIST);
    private static final Map<String, FieldType> DELETE = Map.of("id", FieldType.STRING);
    /** Who LiteLLM records as the maker of what the master key makes. */
    public static final String ADMIN_NAME = "default_user_id";

    private final AdminContext admin;

    public BudgetAdmin(AdminContext admin) {
        this.admin = admin;
    }

    private static Map<String, FieldType> withId() {
        Map<String, FieldType> fields = new HashMap<>(BudgetFields.LIMITS);
        fields.put("budget_id", FieldType.STRING);
        return Map.copyOf(fields);
    }

    public void create(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        Budget budget = BudgetFields.made(
                request, request.string("budget_id"), ADMIN_NAME, admin.clock().instant());
        admin.calls().answer(ctx, insert(budget).map(Budget::toJson));
    }

    /** Adds a budget and tells the cluster; a taken id is LiteLLM's 400. */
    public Future<Budget> insert(Budget budget) {
        return admin.calls()
                .blocking(() -> {
                    try {
                        admin.stores().budgets().insert(budget);
                    } catch (DuplicateEntryException taken) {
                        throw GatewayException.badField(
                                "budget_id", "Budget with id '" + budget.budgetId() + "' already exists.");
                    }
                    return budget;
                })
                .compose(made -> admin.directory().published(made).map(made));
    }

    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        String id = request.string("budget_id");
        if (id == null) {
            throw GatewayException.badField("budget_id", "budget_id is required");
        }
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        existing(id)
                                .map(current -> BudgetFields.apply(request, current, ADMIN_NAME, now))
                                .compose(this::save)
                                .map(Budget::toJson));
    }

    /** Writes a changed budget and tells the cluster. */
    public Future<Budget> save(Budget budget) {
        return admin.calls()
                .blocking(() -> {
                    admin.stores().budgets().update(budget);
                    return budget;
                })
                .compose(saved -> admin.directory().published(saved).map(saved));
    }

    /** The budgets named in {@code budgets}, those that exist. */
    public void info(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), INFO);
        List<String> ids = request.strings("budgets");
        if (ids.isEmpty()) {
            throw GatewayException.badField("budgets", "Specify list of budget id's to query. Passed in=" + ids);
        }
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray found = new JsonArray();
            ids.stream()
                    .map(id -> admin.stores().budgets().find(id))
                    .flatMap(Optional::stream)
                    .forEach(budget -> found.add(budget.toJson()));
            return found;
        }));
    }

    public void list(RoutingContext ctx) {
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray all = new JsonArray();
            admin.stores().budgets().list().forEach(budget -> all.add(budget.toJson()));
            return all;
        }));
    }

    /** Deletes a budget nothing references any more; answers it. */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        String id = request.required("id");
        admin.calls()
                .answer(
                        ctx,
                        existing(id, "id")
                                .compose(budget -> admin.calls().blocking(() -> {
                                    int users = admin.stores().budgets().users(id);
                                    if (users > 0) {
                                        throw GatewayException.badField(
                                                "id",
                                                "Budget " + id + " is used by " + users
                                                        + " end users or organizations; give them another first");
                                    }
                                    admin.stores().budgets().delete(id);
                                    return budget;
                                }))
                                .compose(budget ->
                                        admin.directory().removedBudget(id).map(budget.toJson())));
    }

    /** The budget, or a 404 naming {@code budget_id}. */
    public Future<Budget> existing(String id) {
        return existing(id, "budget_id");
    }

    /** The budget, or a 404 naming {@code field}, the request's field that held {@code id}. */
    private Future<Budget> existing(String id, String field) {
        return admin.calls().blocking(() -> admin.stores().budgets().find(id)).compose(found -> found.map(
                        Future::succeededFuture)
                .orElseGet(() ->
                        Future.failedFuture(GatewayException.of(ErrorKind.NOT_FOUND, "Budget " + id + " not found")
                                .withParam(field))));
    }
}
