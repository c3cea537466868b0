package dev.junction.gateway.admin.orgs;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.admin.Members;
import dev.junction.gateway.admin.budgets.BudgetAdmin;
import dev.junction.gateway.admin.users.UserAccounts;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.DuplicateEntryException;
import dev.junction.gateway.keys.OrgMember;
import dev.junction.gateway.keys.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LiteLLM's {@code /organization/member_add}, {@code /organization/member_update} and {@code
 * /organization/member_delete}: users (made when they do not exist yet) with a role in an organisation and,
 * optionally, a budget in it ({@code max_budget_in_organization}, kept as a budget of the membership).
 */
public final class OrgMembers {
    private static final Map<String, FieldType> ADD = Map.of(
            "organization_id", FieldType.STRING,
            "member", FieldType.MEMBERS,
            "max_budget_in_organization", FieldType.MONEY);
    private static final Map<String, FieldType> CHANGE = Map.of(
            "organization_id", FieldType.STRING,
            "user_id", FieldType.STRING,
            "user_email", FieldType.STRING,
            "role", FieldType.STRING,
            "max_budget_in_organization", FieldType.MONEY);

    private final AdminContext admin;
    private final OrgViews views;
    private final BudgetAdmin budgets;

    public OrgMembers(AdminContext admin) {
        this.admin = admin;
        this.views = new OrgViews(admin);
        this.budgets = new BudgetAdmin(admin);
    }

    public void add(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), ADD);
        String orgId = request.required("organization_id");
        if (request.value("member") == null) {
            throw GatewayException.badField("member", "member is required");
        }
        List<Members> members = Members.of(request.value("member"), "member", OrgMember.ROLES, null);
        Double budget = request.money("max_budget_in_organization");
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(orgId)
                                .recover(missing -> Future.failedFuture(GatewayException.of(
                                                ErrorKind.NOT_FOUND,
                                                "Organization not found for organization_id=" + orgId)
                                        .withParam("organization_id")))
                                .compose(org -> admin.calls().blocking(() -> addNow(orgId, members, budget, now))));
    }

    private JsonObject addNow(String orgId, List<Members> members, Double budget, Instant now) {
        UserAccounts accounts = new UserAccounts(admin.stores().users());
        JsonArray users = new JsonArray();
        JsonArray memberships = new JsonArray();
        for (Members member : members) {
            User user = accounts.findOrCreate(member.userId(), member.userEmail(), now)
                    .user();
            String budgetId = budget == null ? null : newBudget(budget, now).budgetId();
            OrgMember membership = new OrgMember(orgId, user.userId(), member.role(), 0, budgetId, now, now);
            try {
                admin.stores().orgMembers().insert(membership);
            } catch (DuplicateEntryException taken) {
                throw GatewayException.badField(
                        "member", "User " + user.userId() + " is already a member of organization " + orgId);
            }
            users.add(user.toJson());
            memberships.add(membership.toJson());
        }
        return new JsonObject()
                .put("organization_id", orgId)
                .put("updated_users", users)
                .put("updated_organization_memberships", memberships);
    }

    private Budget newBudget(double maxBudget, Instant now) {
        Budget budget = new Budget(
                UUID.randomUUID().toString(),
                maxBudget,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                BudgetAdmin.ADMIN_NAME,
                BudgetAdmin.ADMIN_NAME,
                now,
                now);
        admin.stores().budgets().insert(budget);
        return budget;
    }

    /** Answers the membership with its budget. */
    public void update(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), CHANGE);
        String orgId = request.required("organization_id");
        String role = request.string("role");
        if (role != null && !OrgMember.ROLES.contains(role)) {
            throw GatewayException.badField("role", "Invalid role. Must be one of: " + OrgMember.ROLES);
        }
        Instant now = admin.clock().instant();
        admin.calls()
                .answer(
                        ctx,
                        views.existing(orgId)
                                .recover(missing -> Future.failedFuture(GatewayException.badField(
                                        "organization_id", "Organization not found for organization_id=" + orgId)))
                                .compose(org -> admin.calls().blocking(() -> {
                                    OrgMember current = member(orgId, request);
                                    String budgetId = current.budgetId();
                                    Double max = request.money("max_budget_in_organization");
                                    if (max != null) {
                                        budgetId = budgetId == null
                                                ? newBudget(max, now).budgetId()
                                                : changeBudget(budgetId, max, now);
                                    }
                                    OrgMember changed = new OrgMember(
                                            orgId,
                                            current.userId(),
                                            role != null ? role : current.userRole(),
                                            current.spend(),
                                            budgetId,
                                            current.createdAt(),
                                            now);
                                    admin.stores().orgMembers().update(changed);
                                    return withBudget(changed);
                                })));
    }

    private String changeBudget(String budgetId, double max, Instant now) {
        admin.stores().budgets().find(budgetId).ifPresent(budget -> admin.stores()
                .budgets()
                .update(new Budget(
                        budget.budgetId(),
                        max,
                        budget.softBudget(),
                        budget.maxParallelRequests(),
                        budget.tpmLimit(),
                        budget.rpmLimit(),
                        budget.modelMaxBudget(),
                        budget.budgetDuration(),
                        budget.budgetResetAt(),
                        budget.createdBy(),
                        BudgetAdmin.ADMIN_NAME,
                        budget.createdAt(),
                        now)));
        return budgetId;
    }

    /** Answers the membership that was deleted. */
    public void delete(RoutingContext ctx) {
        AdminRequest request = AdminRequest.parse(ctx.body().buffer(), CHANGE);
        String orgId = request.required("organization_id");
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            OrgMember current = member(orgId, request);
            admin.stores().orgMembers().delete(orgId, current.userId());
            return current.toJson();
        }));
    }

    /** The membership named by id or e-mail, or a 404. Blocking. */
    private OrgMember member(String orgId, AdminRequest request) {
        String userId = request.string("user_id");
        String email = request.string("user_email");
        if (userId == null && email == null) {
            throw GatewayException.badField("user_id", "Either user_id or user_email must be provided");
        }
        String id = userId != null
                ? userId
                : admin.stores().users().findByEmail(email).map(User::userId).orElse(null);
        return (id == null
                        ? java.util.Optional.<OrgMember>empty()
                        : admin.stores().orgMembers().find(orgId, id))
                .orElseThrow(() -> GatewayException.of(
                                ErrorKind.NOT_FOUND,
                                "Member not found in organization for user_id=" + (id == null ? email : id))
                        .withParam(userId != null ? "user_id" : "user_email"));
    }

    private JsonObject withBudget(OrgMember member) {
        JsonObject budget = member.budgetId() == null
                ? null
                : admin.stores()
                        .budgets()
                        .find(member.budgetId())
                        .map(Budget::toJson)
                        .orElse(null);
        return member.toJson().put("litellm_budget_table", budget);
    }
}
