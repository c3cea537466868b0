package dev.junction.gateway.keys.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spend statements. A batch is one statement per subject, reset and amount folded together, executed in
 * sorted order (keys, then teams): concurrent batches from several nodes then lock rows in the same order
 * and cannot deadlock.
 */
final class SpendSql {
    static final String KEY_PREFIX = "key:";
    static final String TEAM_PREFIX = "team:";

    /** Resets first (spend to 0 and the next reset time), then the amount is added. */
    private static final String APPLY = " SET spend = CASE WHEN CAST(? AS BOOLEAN) THEN 0 ELSE spend END"
            + " + CAST(? AS DOUBLE PRECISION), budget_reset_at = CASE WHEN CAST(? AS BOOLEAN)"
            + " THEN CAST(? AS BIGINT) ELSE budget_reset_at END WHERE ";

    private final Sql sql;

    SpendSql(Sql sql) {
        this.sql = sql;
    }

    void apply(Map<String, Instant> resets, Map<String, Double> amounts) {
        Set<String> subjects = new TreeSet<>(resets.keySet());
        subjects.addAll(amounts.keySet());
        Map<String, String> keys = new TreeMap<>();
        Map<String, String> teams = new TreeMap<>();
        for (String subject : subjects) {
            Double amount = amounts.get(subject);
            if (amount != null && !Double.isFinite(amount)) {
                throw new IllegalArgumentException("spend for " + subject + " must be finite");
            }
            if (subject.startsWith(KEY_PREFIX)) {
                keys.put(subject.substring(KEY_PREFIX.length()), subject);
            } else if (subject.startsWith(TEAM_PREFIX)) {
                teams.put(subject.substring(TEAM_PREFIX.length()), subject);
            } else {
                throw new IllegalArgumentException("spend subject must start with key: or team:, got " + subject);
            }
        }
        if (keys.isEmpty() && teams.isEmpty()) {
            return;
        }
        sql.transaction("write spend", connection -> {
            batch(connection, "UPDATE junction_keys" + APPLY + "token = ?", keys, resets, amounts);
            batch(connection, "UPDATE junction_teams" + APPLY + "team_id = ?", teams, resets, amounts);
            return null;
        });
    }

    private static void batch(
            Connection connection,
            String update,
            Map<String, String> ids,
            Map<String, Instant> resets,
            Map<String, Double> amounts)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            for (Map.Entry<String, String> id : ids.entrySet()) {
                if (!KeyRows.storable(id.getKey())) {
                    continue;
                }
                boolean reset = resets.containsKey(id.getValue());
                statement.setBoolean(1, reset);
                statement.setDouble(2, amounts.getOrDefault(id.getValue(), 0.0));
                statement.setBoolean(3, reset);
                Instant next = resets.get(id.getValue());
                if (next == null) {
                    statement.setNull(4, Types.BIGINT);
                } else {
                    statement.setLong(4, next.toEpochMilli());
                }
                statement.setString(5, id.getKey());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    void set(String subjectId, double spend) {
        if (!Double.isFinite(spend)) {
            throw new IllegalArgumentException("spend must be finite");
        }
        String update;
        String id;
        if (subjectId.startsWith(KEY_PREFIX)) {
            update = "UPDATE junction_keys SET spend = ? WHERE token = ?";
            id = subjectId.substring(KEY_PREFIX.length());
        } else if (subjectId.startsWith(TEAM_PREFIX)) {
            update = "UPDATE junction_teams SET spend = ? WHERE team_id = ?";
            id = subjectId.substring(TEAM_PREFIX.length());
        } else {
            throw new IllegalArgumentException("spend subject must start with key: or team:, got " + subjectId);
        }
        if (!KeyRows.storable(id)) {
            return;
        }
        sql.run("set spend", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setDouble(1, spend);
                statement.setString(2, id);
                return statement.executeUpdate();
            }
        });
    }
}
