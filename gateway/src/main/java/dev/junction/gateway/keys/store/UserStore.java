package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.User;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.json.JsonArray;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Users, and what a user's deletion takes with it. Blocking (JDBC): call on a worker thread. A user's {@code
 * spend} changes only through the spend statements ({@link SpendSql}), so an update never loses spend.
 */
public final class UserStore {
    static final String COLUMNS = "user_id, user_email, user_alias, user_role, models, max_budget, budget_duration,"
            + " budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, metadata, spend, created_at, updated_at";
    private static final String SETTINGS = "user_email = ?, email_key = ?, user_alias = ?, user_role = ?, models = ?,"
            + " max_budget = ?, budget_duration = ?, budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?,"
            + " max_parallel_requests = ?, metadata = ?, updated_at = ?";

    private final Sql sql;

    UserStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds a user; a taken {@code user_id} or e-mail fails with a DuplicateEntryException naming it. */
    public void insert(User user) {
        KeyRows.text("user_id", user.userId(), KeyRows.MAX_ID_LENGTH);
        String insert = "INSERT INTO junction_users (user_email, email_key, user_alias, user_role, models,"
                + " max_budget, budget_duration, budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests,"
                + " metadata, updated_at, user_id, spend, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)";
        sql.update("insert a user", insert, statement -> {
            int i = bindSettings(statement, user);
            statement.setString(i++, user.userId());
            statement.setDouble(i++, user.spend());
            statement.setLong(i, JdbcKeyStore.millis(user.createdAt()));
        });
    }

    /** Writes every field but {@code spend}; false when no such user exists. */
    public boolean update(User user) {
        if (!KeyRows.storable(user.userId())) {
            return false;
        }
        return sql.update(
                        "update a user", "UPDATE junction_users SET " + SETTINGS + " WHERE user_id = ?", statement -> {
                            statement.setString(bindSettings(statement, user), user.userId());
                        })
                == 1;
    }

    public Optional<User> find(String userId) {
        if (!KeyRows.storable(userId)) {
            return Optional.empty();
        }
        return sql.one(
                "look up a user",
                "SELECT " + COLUMNS + " FROM junction_users WHERE user_id = ?",
                statement -> statement.setString(1, userId),
                UserStore::read);
    }

    /** The user with this e-mail, in any case. */
    public Optional<User> findByEmail(String email) {
        if (!KeyRows.storable(email)) {
            return Optional.empty();
        }
        return sql.one(
                "look up a user by e-mail",
                "SELECT " + COLUMNS + " FROM junction_users WHERE email_key = ?",
                statement -> statement.setString(1, email.toLowerCase(Locale.ROOT)),
                UserStore::read);
    }

    /** A page of users matching {@code filter}, and how many match in all. */
    public Page<User> list(UserFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        String query = "SELECT " + COLUMNS + " FROM junction_users" + where + " ORDER BY " + filter.orderBy()
                + " LIMIT ? OFFSET ?";
        List<User> users = sql.query(
                "list users",
                query,
                statement -> {
                    int i = Sql.bindAll(statement, params);
                    statement.setInt(i++, Math.max(0, limit));
                    statement.setInt(i, Math.max(0, offset));
                },
                UserStore::read);
        int total = sql.one(
                        "count users",
                        "SELECT COUNT(*) FROM junction_users" + where,
                        statement -> Sql.bindAll(statement, params),
                        row -> row.getInt(1))
                .orElse(0);
        return new Page<>(users, total);
    }

    /** The keys of a user, oldest first. */
    public List<VirtualKey> keysOf(String userId) {
        return sql.query(
                "list a user's keys",
                "SELECT " + KeyRows.KEY_COLUMNS + " FROM junction_keys WHERE user_id = ? ORDER BY created_at, token",
                statement -> statement.setString(1, userId),
                KeyRows::key);
    }

    /** How many keys each of {@code userIds} has. */
    public Map<String, Integer> keyCounts(List<String> userIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (String userId : userIds) {
            counts.put(userId, 0);
        }
        if (userIds.isEmpty()) {
            return counts;
        }
        String query = "SELECT user_id, COUNT(*) FROM junction_keys WHERE user_id IN (" + Sql.marks(userIds.size())
                + ") GROUP BY user_id";
        sql.query("count users' keys", query, statement -> Sql.bindAll(statement, List.copyOf(userIds)), row -> {
            counts.put(row.getString(1), row.getInt(2));
            return null;
        });
        return counts;
    }

    /**
     * Deletes the users that exist among {@code userIds}, with their keys and their memberships of teams and
     * organisations, in one transaction.
     */
    public Deleted delete(List<String> userIds) {
        List<String> sorted = new ArrayList<>(
                new TreeSet<>(userIds.stream().filter(KeyRows::storable).toList()));
        if (sorted.isEmpty()) {
            return new Deleted(List.of(), List.of(), List.of());
        }
        return sql.transaction("delete users", connection -> {
            String in = " IN (" + Sql.marks(sorted.size()) + ")";
            List<String> keys = Sql.select(
                    connection,
                    "SELECT token FROM junction_keys WHERE user_id" + in,
                    statement -> Sql.bindAll(statement, List.copyOf(sorted)),
                    row -> row.getString(1));
            List<String[]> memberships = Sql.select(
                    connection,
                    "SELECT team_id, user_id FROM junction_team_members WHERE user_id" + in,
                    statement -> Sql.bindAll(statement, List.copyOf(sorted)),
                    row -> new String[] {row.getString(1), row.getString(2)});
            List<String> users = Sql.select(
                    connection,
                    "SELECT user_id FROM junction_users WHERE user_id" + in,
                    statement -> Sql.bindAll(statement, List.copyOf(sorted)),
                    row -> row.getString(1));
            for (String table : List.of("junction_keys", "junction_team_members", "junction_org_members")) {
                Sql.change(
                        connection,
                        "DELETE FROM " + table + " WHERE user_id" + in,
                        statement -> Sql.bindAll(statement, List.copyOf(sorted)));
            }
            Sql.change(
                    connection,
                    "DELETE FROM junction_users WHERE user_id" + in,
                    statement -> Sql.bindAll(statement, List.copyOf(sorted)));
            return new Deleted(users, keys, memberships);
        });
    }

    /**
     * What a deletion removed.
     *
     * @param userIds the users
     * @param keyTokens their keys
     * @param memberships their team memberships, as {@code [team_id, user_id]}
     */
    public record Deleted(List<String> userIds, List<String> keyTokens, List<String[]> memberships) {}

    static User read(ResultSet row) throws SQLException {
        return new User(
                row.getString("user_id"),
                row.getString("user_email"),
                row.getString("user_alias"),
                row.getString("user_role"),
                KeyRows.strings(row.getString("models")),
                KeyRows.doubleOrNull(row, "max_budget"),
                row.getString("budget_duration"),
                KeyRows.instant(row, "budget_reset_at"),
                KeyRows.longOrNull(row, "rpm_limit"),
                KeyRows.longOrNull(row, "tpm_limit"),
                KeyRows.intOrNull(row, "max_parallel_requests"),
                new io.vertx.core.json.JsonObject(row.getString("metadata")),
                row.getDouble("spend"),
                KeyRows.instant(row, "created_at"),
                KeyRows.instant(row, "updated_at"));
    }

    private static int bindSettings(PreparedStatement statement, User user) throws SQLException {
        int i = 1;
        String email = KeyRows.text("user_email", user.userEmail(), KeyRows.MAX_ID_LENGTH);
        statement.setString(i++, email);
        statement.setString(i++, email == null ? null : email.toLowerCase(Locale.ROOT));
        statement.setString(i++, KeyRows.text("user_alias", user.userAlias(), Integer.MAX_VALUE));
        statement.setString(i++, user.userRole());
        statement.setString(i++, new JsonArray(List.copyOf(user.models())).encode());
        KeyRows.setDouble(statement, i++, user.maxBudget());
        statement.setString(i++, KeyRows.text("budget_duration", user.budgetDuration(), 64));
        KeyRows.setMillis(statement, i++, user.budgetResetAt());
        KeyRows.setLong(statement, i++, user.rpmLimit());
        KeyRows.setLong(statement, i++, user.tpmLimit());
        KeyRows.setInteger(statement, i++, user.maxParallelRequests());
        statement.setString(i++, user.metadata().encode());
        statement.setLong(i++, user.updatedAt().toEpochMilli());
        return i;
    }
}
