package dev.junction.gateway.admin.teams;

import dev.junction.cluster.error.GatewayException;
import dev.junction.gateway.admin.AdminContext;
import dev.junction.gateway.keys.Budget;
import dev.junction.gateway.keys.Organization;
import dev.junction.gateway.keys.Team;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * An organisation bounds its teams: a team may name only models the organisation has (when it lists any), and
 * no budget or rate limit above the organisation's. Checked when a team is made or changed, with a 400 naming
 * the field; the organisation's models and budget are also enforced on every call of the team's keys.
 */
final class OrganizationBounds {
    private final AdminContext admin;

    OrganizationBounds(AdminContext admin) {
        this.admin = admin;
    }

    Future<Void> check(Team team) {
        String orgId = team.organizationId();
        if (orgId == null) {
            return Future.succeededFuture();
        }
        return admin.calls()
                .blocking(() -> admin.stores().organizations().find(orgId))
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture(found)
                        : admin.directory().organization(orgId))
                .compose(found -> found.isEmpty()
                        ? Future.failedFuture(GatewayException.badField(
                                "organization_id", "organization_id " + orgId + " does not exist"))
                        : admin.directory()
                                .budget(found.get().budgetId())
                                .map(budget -> within(team, found.get(), budget)));
    }

    private static Void within(Team team, Organization org, Optional<Budget> budget) {
        if (!org.models().isEmpty()) {
            for (String model : team.models()) {
                if (!org.models().contains(model)) {
                    throw GatewayException.badField(
                            "models",
                            "Model not in organization's allowed models. Model=" + model
                                    + ", Organization allowed models=" + org.models());
                }
            }
        }
        if (budget.isEmpty()) {
            return null;
        }
        Budget limits = budget.get();
        exceeds("max_budget", team.maxBudget(), limits.maxBudget());
        exceeds("tpm_limit", team.tpmLimit(), limits.tpmLimit());
        exceeds("rpm_limit", team.rpmLimit(), limits.rpmLimit());
        return null;
    }

    private static void exceeds(String field, Number team, Number organization) {
        if (team != null && organization != null && team.doubleValue() > organization.doubleValue()) {
            throw GatewayException.badField(
                    field, "Team " + field + " " + team + " exceeds the organization's " + field + " " + organization);
        }
    }
}
