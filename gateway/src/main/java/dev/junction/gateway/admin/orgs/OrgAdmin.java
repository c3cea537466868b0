package dev.junction.gateway.admin.orgs;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.budgets.BudgetAdmin;
import dev.junction.gateway.admin.budgets.BudgetFields;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.KeyGrants;
import dev.junction.gateway.keys.Organization;
import dev.junction.gateway.keys.store.OrganizationStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LiteLLM's {@code /organization/new}, {@code /organization/update} and {@code /organization/delete}. Every
 * organisation has a budget (made from the request's limits when it names none); its models and budget bound its
 * teams. Deleting an organisation deletes its teams, their keys and all memberships, as LiteLLM does.
 */
public final class OrgAdmin {
    static final Map<String, FieldType> FIELDS = fields();
    private static final Map<String, FieldType> DELETE = Map.of("organization_ids", FieldType.STRING_LIST);

    private final AdminContext admin;
    private final BudgetAdmin budgets;
    private final OrgViews views;

    public OrgAdmin(AdminContext admin) {
        this.admin = admin;
        this.budgets = new BudgetAdmin(admin);
        this.views = new OrgViews(admin);
    }

    private static Map<String, FieldType> fields() {
        Map<String, FieldType> fields = new HashMap<>(BudgetFields.LIMITS);
        fields.put("organization_id", FieldType.STRING);
        fields.put("organization_alias", FieldType.STRING);
        fields.put("models", FieldType.STRING_LIST);
        fields.put("budget_id", FieldType.STRING);
        fields.put("metadata", FieldType.OBJECT);
        fields.put("spend", FieldType.MONEY);
        return Map.copyOf(fields);
    }

    public void create(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        String id = request.string("organization_id") == null
                ? UUID.randomUUID().toString()
                : request.required("organization_id");
        String alias = request.required("organization_alias");
        Instant now = admin.clock().instant();
        Future<Budget> budget = request.string("budget_id") != null
                ? referenced(request.string("budget_id"))
                : budgets.insert(BudgetFields.made(request, null, BudgetAdmin.ADMIN_NAME, now));
        admin.calls()
                .answer(
                        ctx,
                        budget.map(made -> new Organization(
                                        id,
                                        alias,
                                        made.budgetId(),
                                        request.strings("models"),
                                        request.object("metadata"),
                                        0,
                                        made.budgetResetAt(),
                                        BudgetAdmin.ADMIN_NAME,
                                        BudgetAdmin.ADMIN_NAME,
                                        now,
                                        now))
                                .compose(org -> admin.calls().blocking(() -> {
                                    try {
                                        admin.stores().organizations().insert(org);
                                    } catch (DuplicateEntryException taken) {
                                        throw GatewayException.badField(
                                                "organization_id", "organization_id " + id + " already exists");
                                    }
                                    return org;
                                }))
                                .compose(org -> admin.directory().published(org).map(org))
                                .map(Organization::toJson));
    }

    /** Answers the organisation with its members, teams and budget. */
    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), FIELDS);
        String id = request.required("organization_id");
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(id)
                                .compose(current -> budgetFor(request, current, now)
                                        .map(budget -> apply(request, current, budget, now)))
                                .compose(changed -> admin.saved(
                                        changed,
                                        () -> admin.stores().organizations().update(changed),
                                        request.has("spend"),
                                        SpendSubject.ORG + id,
                                        changed.spend(),
                                        changed.budgetResetAt()))
                                .compose(saved ->
                                        admin.directory().published(saved).map(saved))
                                .compose(views::full));
    }

    private Future<Budget> budgetFor(AdminRequest request, Organization current, Instant now) {
        if (request.string("budget_id") != null) {
            return referenced(request.string("budget_id"));
        }
        if (!BudgetFields.any(request)) {
            return budgets.existing(current.budgetId());
        }
        return budgets.existing(current.budgetId())
                .map(budget -> BudgetFields.apply(request, budget, BudgetAdmin.ADMIN_NAME, now))
                .compose(budgets::save);
    }

    private static Organization apply(AdminRequest request, Organization current, Budget budget, Instant now) {
        return new Organization(
                current.organizationId(),
                request.has("organization_alias") ? request.string("organization_alias") : current.organizationAlias(),
                budget.budgetId(),
                request.has("models") ? request.strings("models") : current.models(),
                request.has("metadata") ? request.object("metadata") : current.metadata(),
                request.has("spend") && request.money("spend") != null ? request.money("spend") : current.spend(),
                budget.budgetId().equals(current.budgetId()) ? current.budgetResetAt() : budget.budgetResetAt(),
                current.createdBy(),
                BudgetAdmin.ADMIN_NAME,
                current.createdAt(),
                now);
    }

    /** Answers the deleted organisations as they were (members, teams, budget); an unknown id is a 404. */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), DELETE);
        List<String> ids = request.strings("organization_ids");
        if (ids.isEmpty()) {
            throw GatewayException.badField("organization_ids", "organization_ids is required");
        }
        Future<JsonArray> deleted = Future.succeededFuture(new JsonArray());
        for (String id : ids) {
            deleted = deleted.compose(
                    answers -> views.existing(id).compose(views::full).compose(before -> admin.calls()
                            .blocking(() -> admin.stores().organizations().delete(id))
                            .compose(this::forget)
                            .compose(v -> admin.directory().removedOrganization(id))
                            .compose(v -> admin.ledger().forget(SpendSubject.ORG + id))
                            .map(v -> answers.add(before))));
        }
        admin.calls().answer(ctx, deleted);
    }

    private Future<Void> forget(OrganizationStore.Cascade cascade) {
        List<Future<Void>> gone = new ArrayList<>();
        cascade.teamIds()
                .forEach(team -> gone.add(admin.directory().removedTeam(team).compose(v -> admin.ledger()
                        .forget(KeyGrants.teamSubject(team)))));
        cascade.keyTokens()
                .forEach(token -> gone.add(admin.directory().removedKey(token).compose(v -> admin.ledger()
                        .forget(KeyGrants.keySubject(token)))));
        return Future.join(gone).mapEmpty();
    }

    private Future<Budget> referenced(String budgetId) {
        return budgets.existing(budgetId)
                .recover(missing -> Future.failedFuture(
                        GatewayException.badField("budget_id", "budget_id " + budgetId + " does not exist")));
    }
}
