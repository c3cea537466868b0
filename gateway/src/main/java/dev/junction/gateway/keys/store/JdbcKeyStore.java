package dev.junction.gateway.keys.store;

import dev.junction.cluster.spend.SpendWrite;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link KeyStore} on a JDBC database: PostgreSQL or embedded H2, with the schema of {@code db/junction}.
 * Build it with {@link KeyStores#open}. Values no database can hold (NUL characters, ids longer than {@value
 * KeyRows#MAX_ID_LENGTH} characters) are refused with an {@link IllegalArgumentException} naming the field on
 * writes, and simply not found on reads.
 */
public final class JdbcKeyStore implements KeyStore {
    private static final String KEY_SETTINGS = "key_name = ?, key_alias = ?, models = ?, expires = ?,"
            + " max_budget = ?, budget_duration = ?, budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?,"
            + " max_parallel_requests = ?, metadata = ?, aliases = ?, team_id = ?, user_id = ?, blocked = ?,"
            + " updated_at = ?, allowed_cache_controls = ?";

    private final Sql sql;
    private final TeamSql teams;
    private final SpendSql spend;
    private final ManagementStores management;
    private final ModelSql models;
    private final String description;
    private final AutoCloseable pool;

    /** @param pool closed with the store (the connection pool behind {@code dataSource}), or null */
    JdbcKeyStore(DataSource dataSource, String description, AutoCloseable pool) {
        this.sql = new Sql(dataSource, description);
        this.teams = new TeamSql(sql);
        this.spend = new SpendSql(sql);
        this.management = ManagementStores.on(sql);
        this.models = new ModelSql(sql);
        this.description = description;
        this.pool = pool;
    }

    @Override
    public void insertKey(VirtualKey key) {
        KeyRows.text("key", key.token(), KeyRows.MAX_ID_LENGTH);
        String insert = "INSERT INTO junction_keys (key_name, key_alias, models, expires, max_budget,"
                + " budget_duration, budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, metadata,"
                + " aliases, team_id, user_id, blocked, updated_at, allowed_cache_controls, token, spend, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        sql.run("insert a key", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                int i = KeyRows.bindKeySettings(statement, key);
                statement.setString(i++, key.token());
                statement.setDouble(i++, key.spend());
                statement.setLong(i, millis(key.createdAt()));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean updateKey(VirtualKey key) {
        if (!KeyRows.storable(key.token())) {
            return false;
        }
        return sql.run("update a key", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("UPDATE junction_keys SET " + KEY_SETTINGS + " WHERE token = ?")) {
                statement.setString(KeyRows.bindKeySettings(statement, key), key.token());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public dev.junction.gateway.models.ModelStore models() {
        return models;
    }

    @Override
    public Optional<VirtualKey> findKey(String token) {
        return KeyRows.storable(token) ? findOneKey("token", token) : Optional.empty();
    }

    @Override
    public Optional<VirtualKey> findKeyByAlias(String alias) {
        return KeyRows.storable(alias) ? findOneKey("key_alias", alias) : Optional.empty();
    }

    private Optional<VirtualKey> findOneKey(String column, String value) {
        String query = "SELECT " + KeyRows.KEY_COLUMNS + " FROM junction_keys WHERE " + column + " = ?";
        return sql.run("look up a key", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, value);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(KeyRows.key(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<VirtualKey> listKeys(String teamId, int offset, int limit) {
        if (teamId != null && !KeyRows.storable(teamId)) {
            return List.of();
        }
        String query = "SELECT " + KeyRows.KEY_COLUMNS + " FROM junction_keys"
                + (teamId == null ? "" : " WHERE team_id = ?") + " ORDER BY created_at, token LIMIT ? OFFSET ?";
        return sql.run("list keys", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                int i = 1;
                if (teamId != null) {
                    statement.setString(i++, teamId);
                }
                statement.setInt(i++, Math.max(0, limit));
                statement.setInt(i, Math.max(0, offset));
                List<VirtualKey> keys = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(KeyRows.key(rows));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public int countKeys(String teamId) {
        if (teamId != null && !KeyRows.storable(teamId)) {
            return 0;
        }
        String query = "SELECT COUNT(*) FROM junction_keys" + (teamId == null ? "" : " WHERE team_id = ?");
        return sql.run("count keys", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                if (teamId != null) {
                    statement.setString(1, teamId);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    @Override
    public List<String> deleteKeys(Collection<String> tokens) {
        return sql.deleteAll("junction_keys", "token", tokens);
    }

    @Override
    public boolean replaceToken(String oldToken, String newToken, String newKeyName, Instant updatedAt) {
        KeyRows.text("key", newToken, KeyRows.MAX_ID_LENGTH);
        if (!KeyRows.storable(oldToken)) {
            return false;
        }
        String update = "UPDATE junction_keys SET token = ?, key_name = ?, updated_at = ? WHERE token = ?";
        return sql.run("regenerate a key", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(1, newToken);
                statement.setString(2, KeyRows.text("key_name", newKeyName, Integer.MAX_VALUE));
                statement.setLong(3, millis(updatedAt));
                statement.setString(4, oldToken);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void insertTeam(Team team) {
        teams.insert(team);
    }

    @Override
    public boolean updateTeam(Team team) {
        return teams.update(team);
    }

    @Override
    public Optional<Team> findTeam(String teamId) {
        return teams.find(teamId);
    }

    @Override
    public List<Team> listTeams(int offset, int limit) {
        return teams.list(offset, limit);
    }

    @Override
    public List<String> deleteTeams(Collection<String> teamIds) {
        return sql.deleteAll("junction_teams", "team_id", teamIds);
    }

    @Override
    public void writeSpend(Collection<SpendWrite> writes) {
        spend.apply(writes);
    }

    @Override
    public void setSpend(String subjectId, double value) {
        spend.set(subjectId, value);
    }

    /** The stores of users, memberships, organisations, budgets, end users and spend logs, on this database. */
    public ManagementStores management() {
        return management;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception failed) {
                throw new KeyStoreException("Could not close the key store " + description, failed);
            }
        }
    }

    static long millis(Instant instant) {
        return (instant == null ? Instant.now() : instant).toEpochMilli();
    }
}
