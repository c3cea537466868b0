package dev.junction.gateway.keys.store;

import dev.junction.cluster.spend.SpendWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spend statements. A batch is one statement per subject, executed in sorted order (keys, then teams):
 * concurrent batches from several nodes then lock rows in the same order and cannot deadlock. Each statement
 * applies its write only if the row's last write had another id, so a repeated write changes nothing.
 */
final class SpendSql {
    static final String KEY_PREFIX = "key:";
    static final String TEAM_PREFIX = "team:";

    /** Resets first (spend to 0 and the next reset time), then the amount is added, once per write id. */
    private static final String APPLY = " SET spend = CASE WHEN CAST(? AS BOOLEAN) THEN 0 ELSE spend END"
            + " + CAST(? AS DOUBLE PRECISION), budget_reset_at = CASE WHEN CAST(? AS BOOLEAN)"
            + " THEN CAST(? AS BIGINT) ELSE budget_reset_at END, spend_write_id = ?"
            + " WHERE (spend_write_id IS NULL OR spend_write_id <> ?) AND ";

    private final Sql sql;

    SpendSql(Sql sql) {
        this.sql = sql;
    }

    void apply(Collection<SpendWrite> writes) {
        Map<String, SpendWrite> keys = new TreeMap<>();
        Map<String, SpendWrite> teams = new TreeMap<>();
        for (SpendWrite write : writes) {
            if (!Double.isFinite(write.amount())) {
                throw new IllegalArgumentException("spend for " + write.subjectId() + " must be finite");
            }
            String subject = write.subjectId();
            if (subject.startsWith(KEY_PREFIX)) {
                keys.put(subject.substring(KEY_PREFIX.length()), write);
            } else if (subject.startsWith(TEAM_PREFIX)) {
                teams.put(subject.substring(TEAM_PREFIX.length()), write);
            } else {
                throw new IllegalArgumentException("spend subject must start with key: or team:, got " + subject);
            }
        }
        if (keys.isEmpty() && teams.isEmpty()) {
            return;
        }
        sql.transaction("write spend", connection -> {
            batch(connection, "UPDATE junction_keys" + APPLY + "token = ?", keys);
            batch(connection, "UPDATE junction_teams" + APPLY + "team_id = ?", teams);
            return null;
        });
    }

    private static void batch(Connection connection, String update, Map<String, SpendWrite> writes)
            throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            for (Map.Entry<String, SpendWrite> each : writes.entrySet()) {
                if (!KeyRows.storable(each.getKey())) {
                    continue;
                }
                SpendWrite write = each.getValue();
                statement.setBoolean(1, write.reset());
                statement.setDouble(2, write.amount());
                statement.setBoolean(3, write.reset());
                if (write.reset() && write.resetAtMillis() > 0) {
                    statement.setLong(4, write.resetAtMillis());
                } else {
                    statement.setNull(4, Types.BIGINT);
                }
                statement.setString(5, write.writeId());
                statement.setString(6, write.writeId());
                statement.setString(7, each.getKey());
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
