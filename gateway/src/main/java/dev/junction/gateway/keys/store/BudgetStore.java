package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.Budget;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Budgets that end users and organisations reference. Blocking (JDBC): call on a worker thread. */
public final class BudgetStore {
    private static final String COLUMNS = "budget_id, max_budget, soft_budget, max_parallel_requests, tpm_limit,"
            + " rpm_limit, model_max_budget, budget_duration, budget_reset_at, created_by, updated_by, created_at,"
            + " updated_at";
    private static final String SETTINGS = "max_budget = ?, soft_budget = ?, max_parallel_requests = ?,"
            + " tpm_limit = ?, rpm_limit = ?, model_max_budget = ?, budget_duration = ?, budget_reset_at = ?,"
            + " updated_by = ?, updated_at = ?";

    private final Sql sql;

    BudgetStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds a budget; a taken id fails with a DuplicateEntryException on {@code budget_id}. */
    public void insert(Budget budget) {
        KeyRows.text("budget_id", budget.budgetId(), KeyRows.MAX_ID_LENGTH);
        sql.update(
                "insert a budget",
                "INSERT INTO junction_budgets (max_budget, soft_budget, max_parallel_requests, tpm_limit, rpm_limit,"
                        + " model_max_budget, budget_duration, budget_reset_at, updated_by, updated_at, budget_id,"
                        + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    int i = bindSettings(statement, budget);
                    statement.setString(i++, budget.budgetId());
                    statement.setString(i++, budget.createdBy());
                    statement.setLong(i, JdbcKeyStore.millis(budget.createdAt()));
                });
    }

    public boolean update(Budget budget) {
        if (!KeyRows.storable(budget.budgetId())) {
            return false;
        }
        return sql.update(
                        "update a budget",
                        "UPDATE junction_budgets SET " + SETTINGS + " WHERE budget_id = ?",
                        statement -> statement.setString(bindSettings(statement, budget), budget.budgetId()))
                == 1;
    }

    public Optional<Budget> find(String budgetId) {
        if (!KeyRows.storable(budgetId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up a budget",
                "SELECT " + COLUMNS + " FROM junction_budgets WHERE budget_id = ?",
                statement -> statement.setString(1, budgetId),
                BudgetStore::read);
    }

    /** Every budget, oldest first. */
    public List<Budget> list() {
        return sql.query(
                "list budgets",
                "SELECT " + COLUMNS + " FROM junction_budgets ORDER BY created_at, budget_id",
                statement -> {},
                BudgetStore::read);
    }

    /** How many end users, organisations and organisation memberships use a budget. */
    public int users(String budgetId) {
        String query = "SELECT (SELECT COUNT(*) FROM junction_end_users WHERE budget_id = ?)"
                + " + (SELECT COUNT(*) FROM junction_organizations WHERE budget_id = ?)"
                + " + (SELECT COUNT(*) FROM junction_org_members WHERE budget_id = ?)";
        return sql.one(
                        "count a budget's users",
                        query,
                        statement -> {
                            for (int i = 1; i <= 3; i++) {
                                statement.setString(i, budgetId);
                            }
                        },
                        row -> row.getInt(1))
                .orElse(0);
    }

    public boolean delete(String budgetId) {
        return sql.deleteAll("junction_budgets", "budget_id", List.of(budgetId)).size() == 1;
    }

    private static int bindSettings(PreparedStatement statement, Budget budget) throws SQLException {
        int i = 1;
        KeyRows.setDouble(statement, i++, budget.maxBudget());
        KeyRows.setDouble(statement, i++, budget.softBudget());
        KeyRows.setInteger(statement, i++, budget.maxParallelRequests());
        KeyRows.setLong(statement, i++, budget.tpmLimit());
        KeyRows.setLong(statement, i++, budget.rpmLimit());
        statement.setString(i++, budget.modelMaxBudget().encode());
        statement.setString(i++, KeyRows.text("budget_duration", budget.budgetDuration(), 64));
        KeyRows.setMillis(statement, i++, budget.budgetResetAt());
        statement.setString(i++, budget.updatedBy());
        statement.setLong(i++, JdbcKeyStore.millis(budget.updatedAt()));
        return i;
    }

    static Budget read(ResultSet row) throws SQLException {
        return new Budget(
                row.getString("budget_id"),
                KeyRows.doubleOrNull(row, "max_budget"),
                KeyRows.doubleOrNull(row, "soft_budget"),
                KeyRows.intOrNull(row, "max_parallel_requests"),
                KeyRows.longOrNull(row, "tpm_limit"),
                KeyRows.longOrNull(row, "rpm_limit"),
                new JsonObject(row.getString("model_max_budget")),
                row.getString("budget_duration"),
                KeyRows.instant(row, "budget_reset_at"),
                row.getString("created_by"),
                row.getString("updated_by"),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }
}
