package dev.junction.gateway.keys.store;

import dev.junction.cluster.bus.SpendSubject;
import dev.junction.cluster.spend.SpendWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spend statements. A batch is one statement per subject, executed table by table in a fixed order and by
 * sorted id within a table: concurrent batches from several nodes then lock rows in the same order and cannot
 * deadlock. Each statement applies its write only if the row's last write had another id, so a repeated write
 * changes nothing.
 */
final class SpendSql {

    /** Where each kind of subject keeps its spend, in locking order. */
    private enum Table {
        KEY(SpendSubject.KEY, "junction_keys", "token = ?", true),
        TEAM(SpendSubject.TEAM, "junction_teams", "team_id = ?", true),
        USER(SpendSubject.USER, "junction_users", "user_id = ?", true),
        MEMBER(SpendSubject.MEMBER, "junction_team_members", "team_id = ? AND user_id = ?", false),
        ORG(SpendSubject.ORG, "junction_organizations", "organization_id = ?", true),
        END_USER(SpendSubject.END_USER, "junction_end_users", "user_id = ?", true);

        final String prefix;
        final String table;
        final String where;
        final boolean resets;

        Table(String prefix, String table, String where, boolean resets) {
            this.prefix = prefix;
            this.table = table;
            this.where = where;
            this.resets = resets;
        }

        /**
         * Resets first (spend to 0 and, where kept, the next reset time), then the amount is added, once per
         * write id.
         */
        String apply() {
            return "UPDATE " + table + " SET spend = CASE WHEN CAST(? AS BOOLEAN) THEN 0 ELSE spend END"
                    + " + CAST(? AS DOUBLE PRECISION)"
                    + (resets
                            // An admin's value is written as a reset that keeps the period's end (null here).
                            ? ", budget_reset_at = CASE WHEN CAST(? AS BOOLEAN)"
                                    + " THEN COALESCE(CAST(? AS BIGINT), budget_reset_at) ELSE budget_reset_at END"
                            : "")
                    + ", spend_write_id = ? WHERE (spend_write_id IS NULL OR spend_write_id <> ?) AND " + where;
        }

        String set() {
            return "UPDATE " + table + " SET spend = ? WHERE " + where;
        }

        static Table of(String subjectId) {
            for (Table table : values()) {
                if (subjectId.startsWith(table.prefix)) {
                    return table;
                }
            }
            throw new IllegalArgumentException("spend subject has no known prefix: " + subjectId);
        }

        /** The id columns' values: one, or a member's team and user. */
        List<String> ids(String subjectId) {
            String rest = subjectId.substring(prefix.length());
            if (this != MEMBER) {
                return List.of(rest);
            }
            int separator = rest.indexOf(SpendSubject.MEMBER_SEPARATOR);
            return separator < 0
                    ? List.of(rest, "")
                    : List.of(rest.substring(0, separator), rest.substring(separator + 1));
        }
    }

    private final Sql sql;

    SpendSql(Sql sql) {
        this.sql = sql;
    }

    void apply(Collection<SpendWrite> writes) {
        Map<Table, Map<String, SpendWrite>> byTable = new TreeMap<>();
        for (SpendWrite write : writes) {
            if (!Double.isFinite(write.amount())) {
                throw new IllegalArgumentException("spend for " + write.subjectId() + " must be finite");
            }
            Table table = Table.of(write.subjectId());
            byTable.computeIfAbsent(table, any -> new TreeMap<>()).put(write.subjectId(), write);
        }
        if (byTable.isEmpty()) {
            return;
        }
        sql.transaction("write spend", connection -> {
            for (Map.Entry<Table, Map<String, SpendWrite>> table : byTable.entrySet()) {
                batch(connection, table.getKey(), table.getValue());
            }
            return null;
        });
    }

    private static void batch(Connection connection, Table table, Map<String, SpendWrite> writes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.apply())) {
            for (Map.Entry<String, SpendWrite> each : writes.entrySet()) {
                List<String> ids = table.ids(each.getKey());
                if (!ids.stream().allMatch(KeyRows::storable)) {
                    continue;
                }
                SpendWrite write = each.getValue();
                int i = 1;
                statement.setBoolean(i++, write.reset());
                statement.setDouble(i++, write.amount());
                if (table.resets) {
                    statement.setBoolean(i++, write.reset());
                    if (write.reset() && write.resetAtMillis() > 0) {
                        statement.setLong(i++, write.resetAtMillis());
                    } else {
                        statement.setNull(i++, Types.BIGINT);
                    }
                }
                statement.setString(i++, write.writeId());
                statement.setString(i++, write.writeId());
                for (String id : ids) {
                    statement.setString(i++, id);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    void set(String subjectId, double spend) {
        if (!Double.isFinite(spend)) {
            throw new IllegalArgumentException("spend must be finite");
        }
        Table table = Table.of(subjectId);
        List<String> ids = table.ids(subjectId);
        if (!ids.stream().allMatch(KeyRows::storable)) {
            return;
        }
        sql.update("set spend", table.set(), statement -> {
            statement.setDouble(1, spend);
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 2, ids.get(i));
            }
        });
    }
}
