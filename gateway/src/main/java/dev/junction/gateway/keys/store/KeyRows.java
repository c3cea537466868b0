package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.Team;
import dev.junction.gateway.keys.VirtualKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps keys and teams to and from rows: lists, maps and metadata as JSON text, times as epoch millis. */
final class KeyRows {
    /** The width of the indexed text columns (token, key_alias, team_id). */
    static final int MAX_ID_LENGTH = 255;

    static final String KEY_COLUMNS = "token, key_name, key_alias, models, expires, max_budget, budget_duration,"
            + " budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, metadata, aliases, team_id, user_id,"
            + " spend, blocked, created_at, updated_at, allowed_cache_controls";
    static final String TEAM_COLUMNS = "team_id, team_alias, models, model_aliases, max_budget, budget_duration,"
            + " budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, metadata, spend, blocked, created_at,"
            + " updated_at, organization_id";

    private KeyRows() {}

    /** Binds every key column but {@code token}, {@code spend} and {@code created_at}, from index 1. */
    static int bindKeySettings(PreparedStatement statement, VirtualKey key) throws SQLException {
        int i = 1;
        statement.setString(i++, text("key_name", key.keyName(), Integer.MAX_VALUE));
        statement.setString(i++, text("key_alias", key.keyAlias(), MAX_ID_LENGTH));
        statement.setString(i++, new JsonArray(List.copyOf(key.models())).encode());
        setMillis(statement, i++, key.expires());
        setDouble(statement, i++, key.maxBudget());
        statement.setString(i++, text("budget_duration", key.budgetDuration(), 64));
        setMillis(statement, i++, key.budgetResetAt());
        setLong(statement, i++, key.rpmLimit());
        setLong(statement, i++, key.tpmLimit());
        setInteger(statement, i++, key.maxParallelRequests());
        statement.setString(i++, key.metadata().encode());
        statement.setString(i++, new JsonObject(new LinkedHashMap<>(key.aliases())).encode());
        statement.setString(i++, text("team_id", key.teamId(), MAX_ID_LENGTH));
        statement.setString(i++, text("user_id", key.userId(), Integer.MAX_VALUE));
        statement.setBoolean(i++, key.blocked());
        statement.setLong(i++, key.updatedAt().toEpochMilli());
        statement.setString(i++, new JsonArray(List.copyOf(key.allowedCacheControls())).encode());
        return i;
    }

    /** Binds every team column but {@code team_id}, {@code spend} and {@code created_at}, from index 1. */
    static int bindTeamSettings(PreparedStatement statement, Team team) throws SQLException {
        int i = 1;
        statement.setString(i++, text("team_alias", team.teamAlias(), Integer.MAX_VALUE));
        statement.setString(i++, new JsonArray(List.copyOf(team.models())).encode());
        statement.setString(i++, new JsonObject(new LinkedHashMap<>(team.modelAliases())).encode());
        setDouble(statement, i++, team.maxBudget());
        statement.setString(i++, text("budget_duration", team.budgetDuration(), 64));
        setMillis(statement, i++, team.budgetResetAt());
        setLong(statement, i++, team.rpmLimit());
        setLong(statement, i++, team.tpmLimit());
        setInteger(statement, i++, team.maxParallelRequests());
        statement.setString(i++, team.metadata().encode());
        statement.setBoolean(i++, team.blocked());
        statement.setLong(i++, team.updatedAt().toEpochMilli());
        statement.setString(i++, text("organization_id", team.organizationId(), MAX_ID_LENGTH));
        return i;
    }

    static VirtualKey key(ResultSet row) throws SQLException {
        return new VirtualKey(
                        row.getString("token"),
                        row.getString("key_name"),
                        row.getString("key_alias"),
                        strings(row.getString("models")),
                        instant(row, "expires"),
                        doubleOrNull(row, "max_budget"),
                        row.getString("budget_duration"),
                        instant(row, "budget_reset_at"),
                        longOrNull(row, "rpm_limit"),
                        longOrNull(row, "tpm_limit"),
                        intOrNull(row, "max_parallel_requests"),
                        new JsonObject(row.getString("metadata")),
                        stringMap(row.getString("aliases")),
                        row.getString("team_id"),
                        row.getString("user_id"),
                        row.getDouble("spend"),
                        row.getBoolean("blocked"),
                        instant(row, "created_at"),
                        instant(row, "updated_at"))
                .withAllowedCacheControls(strings(row.getString("allowed_cache_controls")));
    }

    static Team team(ResultSet row) throws SQLException {
        return new Team(
                row.getString("team_id"),
                row.getString("team_alias"),
                strings(row.getString("models")),
                stringMap(row.getString("model_aliases")),
                doubleOrNull(row, "max_budget"),
                row.getString("budget_duration"),
                instant(row, "budget_reset_at"),
                longOrNull(row, "rpm_limit"),
                longOrNull(row, "tpm_limit"),
                intOrNull(row, "max_parallel_requests"),
                new JsonObject(row.getString("metadata")),
                row.getDouble("spend"),
                row.getBoolean("blocked"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                row.getString("organization_id"));
    }

    /**
     * Whether a value can be looked up at all: PostgreSQL text cannot hold NUL, and an id longer than its
     * column cannot have been stored. Lookups with such values find nothing instead of failing.
     */
    static boolean storable(String id) {
        return id != null && id.length() <= MAX_ID_LENGTH && id.indexOf('\0') < 0;
    }

    /** A text column's value, refused (naming the field) when no database could store it. */
    static String text(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " must not contain NUL characters");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    static List<String> strings(String json) {
        return new JsonArray(json).stream().map(String::valueOf).toList();
    }

    static Map<String, String> stringMap(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        new JsonObject(json).forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        return map;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Double doubleOrNull(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Integer intOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static void setMillis(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
