package dev.junction.gateway.keys.store;

import dev.junction.cluster.bus.CallOwner;
import dev.junction.cluster.spend.CallRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Spend log rows: one per call, written in batches by the {@link SpendLogWriter}, read by the spend routes.
 * Blocking (JDBC): call on a worker thread. Aggregations group in SQL by columns both databases can group (no
 * large text) and leave the shaping to the caller.
 */
public final class SpendLogStore {
    static final String COLUMNS = "request_id, call_type, api_key, key_alias, user_id, team_id, organization_id,"
            + " end_user, model, model_group, model_id, api_base, custom_llm_provider, prompt_tokens,"
            + " completion_tokens, total_tokens, spend, start_time, end_time, status, cache_hit";
    private static final int MAX_ID = 255;
    private static final int MAX_MODEL = 1024;

    private final Sql sql;

    SpendLogStore(Sql sql) {
        this.sql = sql;
    }

    /** Writes a batch in one transaction. */
    public void insert(List<CallRecord> calls) {
        if (calls.isEmpty()) {
            return;
        }
        String insert = "INSERT INTO junction_spend_logs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        sql.transaction("write spend logs", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (CallRecord call : calls) {
                    bind(statement, call);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** The rows {@code filter} selects, newest first, at most {@code limit}. */
    public List<SpendLogRow> rows(SpendLogFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String query = "SELECT " + COLUMNS + " FROM junction_spend_logs" + filter.where(params)
                + " ORDER BY start_time DESC LIMIT ?";
        return sql.query(
                "read spend logs",
                query,
                statement -> statement.setInt(Sql.bindAll(statement, params), Math.max(0, limit)),
                SpendLogStore::read);
    }

    /** Total spend of the rows {@code filter} selects. */
    public double total(SpendLogFilter filter) {
        List<Object> params = new ArrayList<>();
        return sql.one(
                        "sum spend logs",
                        "SELECT COALESCE(SUM(spend), 0) FROM junction_spend_logs" + filter.where(params),
                        statement -> Sql.bindAll(statement, params),
                        row -> row.getDouble(1))
                .orElse(0.0);
    }

    /**
     * Spend and tokens of the rows {@code filter} selects, summed per UTC day and per value of each of {@code
     * columns} (of {@link SpendLogGroup#COLUMNS}), highest spend first.
     */
    public List<SpendLogGroup> grouped(SpendLogFilter filter, List<String> columns, boolean byDay, int limit) {
        for (String column : columns) {
            if (!SpendLogGroup.COLUMNS.contains(column)) {
                throw new IllegalArgumentException("cannot group spend logs by " + column);
            }
        }
        List<String> keys = new ArrayList<>(columns);
        if (byDay) {
            keys.add(0, "start_time / 86400000");
        }
        String select = keys.isEmpty() ? "" : String.join(", ", keys) + ", ";
        String groupBy = keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys);
        List<Object> params = new ArrayList<>();
        String query = "SELECT " + select + "SUM(spend), SUM(prompt_tokens), SUM(completion_tokens), COUNT(*)"
                + " FROM junction_spend_logs" + filter.where(params) + groupBy + " ORDER BY SUM(spend) DESC LIMIT ?";
        return sql.query(
                "group spend logs",
                query,
                statement -> statement.setInt(Sql.bindAll(statement, params), Math.max(0, limit)),
                row -> SpendLogGroup.read(row, columns, byDay));
    }

    /** Deletes the rows that started before {@code millis}; returns how many. */
    public int deleteBefore(long millis) {
        return sql.update(
                "delete old spend logs",
                "DELETE FROM junction_spend_logs WHERE start_time < ?",
                statement -> statement.setLong(1, millis));
    }

    private static void bind(PreparedStatement statement, CallRecord call) throws SQLException {
        CallOwner owner = call.owner();
        int i = 1;
        statement.setString(i++, cut(call.requestId(), MAX_ID));
        statement.setString(i++, cut(call.callType(), 64));
        statement.setString(i++, cut(owner.apiKey(), MAX_ID));
        statement.setString(i++, cut(owner.keyAlias(), MAX_ID));
        statement.setString(i++, cut(owner.userId(), MAX_ID));
        statement.setString(i++, cut(owner.teamId(), MAX_ID));
        statement.setString(i++, cut(owner.organizationId(), MAX_ID));
        statement.setString(i++, cut(owner.endUser(), MAX_ID));
        statement.setString(i++, cut(call.model(), MAX_MODEL));
        statement.setString(i++, cut(call.modelGroup(), MAX_MODEL));
        statement.setString(i++, cut(call.modelId(), MAX_MODEL));
        statement.setString(i++, cut(call.apiBase(), Integer.MAX_VALUE));
        statement.setString(i++, cut(call.provider(), 64));
        statement.setLong(i++, call.promptTokens());
        statement.setLong(i++, call.completionTokens());
        statement.setLong(i++, call.totalTokens());
        statement.setDouble(i++, Double.isFinite(call.spend()) ? call.spend() : 0);
        statement.setLong(i++, call.startMillis());
        statement.setLong(i++, call.endMillis());
        statement.setString(i++, call.success() ? "success" : "failure");
        statement.setBoolean(i, call.cacheHit());
    }

    /**
     * A value the columns can hold: at most {@code max} characters, no NUL (which PostgreSQL refuses). Values come
     * from clients (the call id, the end user), so they are cut rather than refused: a row is never lost.
     */
    static String cut(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    static SpendLogRow read(ResultSet row) throws SQLException {
        return new SpendLogRow(
                row.getString("request_id"),
                row.getString("call_type"),
                row.getString("api_key"),
                row.getString("key_alias"),
                row.getString("user_id"),
                row.getString("team_id"),
                row.getString("organization_id"),
                row.getString("end_user"),
                row.getString("model"),
                row.getString("model_group"),
                row.getString("model_id"),
                row.getString("api_base"),
                row.getString("custom_llm_provider"),
                row.getLong("prompt_tokens"),
                row.getLong("completion_tokens"),
                row.getLong("total_tokens"),
                row.getDouble("spend"),
                row.getLong("start_time"),
                row.getLong("end_time"),
                row.getString("status"),
                row.getBoolean("cache_hit"));
    }
}
