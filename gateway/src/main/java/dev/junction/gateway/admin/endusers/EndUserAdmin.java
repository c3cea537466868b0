package dev.junction.gateway.admin.endusers;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.budgets.BudgetAdmin;
import dev.junction.gateway.admin.budgets.BudgetFields;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.EndUser;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * LiteLLM's {@code /end_user/new} and {@code /end_user/update} (also under {@code /customer/}): an end user, its
 * region and the budget it references, made from the request's limits when it names no {@code budget_id}. Its
 * limits hold for the whole cluster on every request naming it in {@code user}.
 */
public final class EndUserAdmin {
    static final Map<String, FieldType> FIELDS = fields();

    private final AdminContext admin;
    private final BudgetAdmin budgets;
    private final EndUserViews views;

    public EndUserAdmin(AdminContext admin) {
        this.admin = admin;
        this.budgets = new BudgetAdmin(admin);
        this.views = new EndUserViews(admin);
    }

    private static Map<String, FieldType> fields() {
        Map<String, FieldType> fields = new HashMap<>(BudgetFields.LIMITS);
        fields.put("user_id", FieldType.STRING);
        fields.put("alias", FieldType.STRING);
        fields.put("blocked", FieldType.BOOLEAN);
        fields.put("budget_id", FieldType.STRING);
        fields.put("allowed_model_region", FieldType.REGION);
        fields.put("default_model", FieldType.STRING);
        fields.put("metadata", FieldType.OBJECT);
        fields.put("spend", FieldType.MONEY);
        return Map.copyOf(fields);
    }

    public void create(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        String id = request.required("user_id");
        if (request.money("max_budget") != null && request.string("budget_id") != null) {
            throw GatewayException.badField("max_budget", "Set either 'max_budget' or 'budget_id', not both.");
        }
        checkDefaultModel(request);
        Instant now = admin.clock().instant();
        Future<Budget> budget = BudgetFields.any(request)
                ? budgets.insert(BudgetFields.made(request, null, BudgetAdmin.ADMIN_NAME, now))
                : request.string("budget_id") != null
                        ? referenced(request.string("budget_id"))
                        : Future.succeededFuture();
        admin.calls()
                .answer(
                        ctx,
                        budget.compose(made -> {
                                    EndUser endUser = apply(request, blank(id, now), made, now);
                                    return admin.calls().blocking(() -> insert(endUser, made));
                                })
                                .compose(made ->
                                        admin.directory().published(made).map(made))
                                .compose(views::withBudget));
    }

    private EndUser insert(EndUser endUser, Budget budget) {
        try {
            admin.stores().endUsers().insert(endUser);
            return endUser;
        } catch (DuplicateEntryException taken) {
            throw GatewayException.badField(
                    "user_id",
                    "Customer already exists, passed user_id=" + endUser.userId() + ". Please pass a new user_id.");
        }
    }

    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        String id = request.required("user_id");
        checkDefaultModel(request);
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(id, "user_id")
                                .compose(current -> budgetFor(request, current, now)
                                        .map(budget -> apply(request, current, budget, now)))
                                .compose(changed -> admin.saved(
                                        changed,
                                        () -> admin.stores().endUsers().update(changed),
                                        request.has("spend"),
                                        SpendSubject.END_USER + id,
                                        changed.spend(),
                                        changed.budgetResetAt()))
                                .compose(saved ->
                                        admin.directory().published(saved).map(saved))
                                .compose(views::withBudget));
    }

    /**
     * The budget an update leaves the end user with: the one it names, else its own changed by the request's
     * limits (as LiteLLM, which changes the budget row it references), else a new one, else its current one.
     */
    private Future<Budget> budgetFor(AdminRequest request, EndUser current, Instant now) {
        if (request.has("budget_id") && request.string("budget_id") != null) {
            return referenced(request.string("budget_id"));
        }
        if (!BudgetFields.any(request)) {
            return current.budgetId() == null ? Future.succeededFuture() : referenced(current.budgetId());
        }
        if (current.budgetId() == null) {
            return budgets.insert(BudgetFields.made(request, null, BudgetAdmin.ADMIN_NAME, now));
        }
        return budgets.existing(current.budgetId())
                .map(budget -> BudgetFields.apply(request, budget, BudgetAdmin.ADMIN_NAME, now))
                .compose(budgets::save);
    }

    private Future<Budget> referenced(String budgetId) {
        return budgets.existing(budgetId)
                .recover(missing -> Future.failedFuture(
                        GatewayException.badField("budget_id", "budget_id " + budgetId + " does not exist")));
    }

    private void checkDefaultModel(AdminRequest request) {
        String model = request.string("default_model");
        Set<String> served = admin.modelNames().get();
        if (model != null && !served.contains(model)) {
            throw GatewayException.of(
                            ErrorKind.UNPROCESSABLE,
                            "Default Model not on proxy. Configure via `/model/new` or config.yaml. Default_model="
                                    + model + ", proxy_model_names=" + served)
                    .withParam("default_model");
        }
    }

    static EndUser blank(String id, Instant now) {
        return new EndUser(id, null, false, 0, null, null, null, null, null, now, now);
    }

    /** {@code current} with the request's fields and {@code budget}, whose period starts now when it has one. */
    static EndUser apply(AdminRequest request, EndUser current, Budget budget, Instant now) {
        String budgetId = budget == null ? null : budget.budgetId();
        Instant resetAt = budget == null || budget.budgetDuration() == null
                ? null
                : budgetId.equals(current.budgetId()) && current.budgetResetAt() != null
                        ? current.budgetResetAt()
                        : budget.budgetResetAt();
        return new EndUser(
                current.userId(),
                request.has("alias") ? request.string("alias") : current.alias(),
                request.has("blocked") && request.flag("blocked") != null ? request.flag("blocked") : current.blocked(),
                request.has("spend") && request.money("spend") != null ? request.money("spend") : current.spend(),
                request.has("allowed_model_region")
                        ? request.string("allowed_model_region")
                        : current.allowedModelRegion(),
                request.has("default_model") ? request.string("default_model") : current.defaultModel(),
                budgetId,
                resetAt,
                request.has("metadata") ? request.object("metadata") : current.metadata(),
                current.createdAt(),
                now);
    }
}
