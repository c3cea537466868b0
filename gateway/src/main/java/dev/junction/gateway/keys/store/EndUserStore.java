package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.EndUser;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** End users (LiteLLM's customers). Blocking (JDBC): call on a worker thread. */
public final class EndUserStore {
    private static final String COLUMNS = "user_id, alias, blocked, spend, allowed_model_region, default_model,"
            + " budget_id, budget_reset_at, metadata, created_at, updated_at";
    private static final String SETTINGS = "alias = ?, blocked = ?, allowed_model_region = ?, default_model = ?,"
            + " budget_id = ?, budget_reset_at = ?, metadata = ?, updated_at = ?";

    private final Sql sql;

    EndUserStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds an end user; a taken id fails with a DuplicateEntryException on {@code user_id}. */
    public void insert(EndUser endUser) {
        KeyRows.text("user_id", endUser.userId(), KeyRows.MAX_ID_LENGTH);
        sql.update(
                "insert an end user",
                "INSERT INTO junction_end_users (alias, blocked, allowed_model_region, default_model, budget_id,"
                        + " budget_reset_at, metadata, updated_at, user_id, spend, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    int i = bindSettings(statement, endUser);
                    statement.setString(i++, endUser.userId());
                    statement.setDouble(i++, endUser.spend());
                    statement.setLong(i, JdbcKeyStore.millis(endUser.createdAt()));
                });
    }

    /** Writes every field but {@code spend}; false when no such end user exists. */
    public boolean update(EndUser endUser) {
        if (!KeyRows.storable(endUser.userId())) {
            return false;
        }
        return sql.update(
                        "update an end user",
                        "UPDATE junction_end_users SET " + SETTINGS + " WHERE user_id = ?",
                        statement -> statement.setString(bindSettings(statement, endUser), endUser.userId()))
                == 1;
    }

    public Optional<EndUser> find(String userId) {
        if (!KeyRows.storable(userId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up an end user",
                "SELECT " + COLUMNS + " FROM junction_end_users WHERE user_id = ?",
                statement -> statement.setString(1, userId),
                EndUserStore::read);
    }

    /** Every end user, oldest first. */
    public List<EndUser> list() {
        return sql.query(
                "list end users",
                "SELECT " + COLUMNS + " FROM junction_end_users ORDER BY created_at, user_id",
                statement -> {},
                EndUserStore::read);
    }

    /** Deletes the end users that exist among {@code userIds} and returns their ids. */
    public List<String> delete(List<String> userIds) {
        return sql.deleteAll("junction_end_users", "user_id", userIds);
    }

    private static int bindSettings(PreparedStatement statement, EndUser endUser) throws SQLException {
        int i = 1;
        statement.setString(i++, KeyRows.text("alias", endUser.alias(), Integer.MAX_VALUE));
        statement.setBoolean(i++, endUser.blocked());
        statement.setString(i++, endUser.allowedModelRegion());
        statement.setString(i++, KeyRows.text("default_model", endUser.defaultModel(), Integer.MAX_VALUE));
        statement.setString(i++, KeyRows.text("budget_id", endUser.budgetId(), KeyRows.MAX_ID_LENGTH));
        KeyRows.setMillis(statement, i++, endUser.budgetResetAt());
        statement.setString(i++, endUser.metadata().encode());
        statement.setLong(i++, JdbcKeyStore.millis(endUser.updatedAt()));
        return i;
    }

    static EndUser read(ResultSet row) throws SQLException {
        return new EndUser(
                row.getString("user_id"),
                row.getString("alias"),
                row.getBoolean("blocked"),
                row.getDouble("spend"),
                row.getString("allowed_model_region"),
                row.getString("default_model"),
                row.getString("budget_id"),
                KeyRows.instant(row, "budget_reset_at"),
                new JsonObject(row.getString("metadata")),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }
}
