package dev.junction.gateway.admin.orgs;

import dev.junction.cluster.error.ErrorKind;
import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminAccess;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.admin.AdminRequest;
import dev.junction.gateway.admin.FieldType;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.KeyJson;
import dev.junction.gateway.keys.Organization;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's {@code /organization/info} and {@code /organization/list}: each organisation with its members, its
 * teams and its budget ({@code litellm_budget_table}). A key that is not an admin's reads the organisations its
 * user is a member of.
 */
public final class OrgViews {
    private static final Map<String, FieldType> INFO = Map.of("organizations", FieldType.STRING_LIST);

    private final AdminContext admin;

    public OrgViews(AdminContext admin) {
        this.admin = admin;
    }

    /** {@code GET ?organization_id=}: one organisation. */
    public void info(RoutingContext ctx) {
        String id = ctx.request().getParam("organization_id");
        if (id == null || id.isBlank()) {
            throw GatewayException.badField("organization_id", "organization_id is required");
        }
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        admin.calls().answer(ctx, existing(id).compose(org -> mayRead(scope, id).compose(ok -> full(org))));
    }

    /** LiteLLM's deprecated {@code POST /organization/info} with {@code {"organizations": [...]}}: a list. */
    public void infoOfMany(RoutingContext ctx) {
        List<String> ids = AdminRequest.parse(ctx.body().buffer(), INFO).strings("organizations");
        if (ids.isEmpty()) {
            throw GatewayException.badField(
                    "organizations", "Specify list of organization id's to query. Passed in=" + ids);
        }
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray found = new JsonArray();
            for (String id : ids) {
                admin.stores().organizations().find(id).ifPresent(org -> found.add(fullNow(org)));
            }
            return found;
        }));
    }

    public void list(RoutingContext ctx) {
        AdminAccess.Scope scope = AdminAccess.scope(ctx);
        String member = scope.all() ? null : scope.holder().key().userId();
        if (!scope.all() && member == null) {
            admin.calls().answer(ctx, Future.succeededFuture(new JsonArray()));
            return;
        }
        admin.calls().answer(ctx, admin.calls().blocking(() -> {
            JsonArray all = new JsonArray();
            admin.stores().organizations().list(member).forEach(org -> all.add(fullNow(org)));
            return all;
        }));
    }

    private Future<Void> mayRead(AdminAccess.Scope scope, String id) {
        if (scope.all()) {
            return Future.succeededFuture();
        }
        String userId = scope.holder().key().userId();
        return admin.calls()
                .blocking(() -> userId == null
                        ? Optional.empty()
                        : admin.stores().orgMembers().find(id, userId))
                .compose(member -> member.isPresent()
                        ? Future.succeededFuture()
                        : Future.failedFuture(AdminAccess.notYours("organization")));
    }

    /** The organisation, or a 404. */
    Future<Organization> existing(String id) {
        return admin.calls()
                .blocking(() -> admin.stores().organizations().find(id))
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture(found)
                        : admin.directory().organization(id))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(
                                GatewayException.of(ErrorKind.NOT_FOUND, "Organization not found: " + id)
                                        .withParam("organization_id"))));
    }

    Future<JsonObject> full(Organization org) {
        return admin.calls().blocking(() -> fullNow(org));
    }

    /** LiteLLM's LiteLLM_OrganizationTableWithMembers. Blocking. */
    JsonObject fullNow(Organization org) {
        JsonArray members = new JsonArray();
        admin.stores().orgMembers().members(org.organizationId()).forEach(member -> members.add(member.toJson()));
        JsonArray teams = new JsonArray();
        admin.stores().organizations().teams(org.organizationId()).forEach(team -> teams.add(KeyJson.of(team)));
        JsonObject budget = admin.stores()
                .budgets()
                .find(org.budgetId())
                .map(Budget::toJson)
                .orElse(null);
        return org.toJson().put("members", members).put("teams", teams).put("litellm_budget_table", budget);
    }
}
