package dev.junction.gateway.keys.store;

import dev.junction.cluster.bus.SpendSubject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spend statements. A batch is one statement per subject, reset and amount folded together, executed table by
 * table in a fixed order and by sorted id within a table: concurrent batches from several nodes then lock rows
 * in the same order and cannot deadlock.
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

        /** Resets first (spend to 0 and, where kept, the next reset time), then the amount is added. */
        String apply() {
            return "UPDATE " + table + " SET spend = CASE WHEN CAST(? AS BOOLEAN) THEN 0 ELSE spend END"
                    + " + CAST(? AS DOUBLE PRECISION)"
                    + (resets
                            ? ", budget_reset_at = CASE WHEN CAST(? AS BOOLEAN) THEN CAST(? AS BIGINT)"
                                    + " ELSE budget_reset_at END"
                            : "")
                    + " WHERE " + where;
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

    /** Throws when no table keeps the spend of {@code subjectId}. */
    static void check(String subjectId) {
        Table.of(subjectId);
    }

    void apply(Map<String, Instant> resets, Map<String, Double> amounts) {
        Set<String> subjects = new TreeSet<>(resets.keySet());
        subjects.addAll(amounts.keySet());
        Map<Table, Map<String, String>> byTable = new TreeMap<>();
        for (String subject : subjects) {
            Double amount = amounts.get(subject);
            if (amount != null && !Double.isFinite(amount)) {
                throw new IllegalArgumentException("spend for " + subject + " must be finite");
            }
            Table table = Table.of(subject);
            byTable.computeIfAbsent(table, any -> new TreeMap<>()).put(subject, subject);
        }
        if (byTable.isEmpty()) {
            return;
        }
        sql.transaction("write spend", connection -> {
            for (Map.Entry<Table, Map<String, String>> table : byTable.entrySet()) {
                batch(connection, table.getKey(), table.getValue().keySet(), resets, amounts);
            }
            return null;
        });
    }

    private static void batch(
            Connection connection,
            Table table,
            Set<String> subjects,
            Map<String, Instant> resets,
            Map<String, Double> amounts)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.apply())) {
            for (String subject : subjects) {
                List<String> ids = table.ids(subject);
                if (!ids.stream().allMatch(KeyRows::storable)) {
                    continue;
                }
                boolean reset = resets.containsKey(subject);
                int i = 1;
                statement.setBoolean(i++, reset);
                statement.setDouble(i++, amounts.getOrDefault(subject, 0.0));
                if (table.resets) {
                    statement.setBoolean(i++, reset);
                    Instant next = resets.get(subject);
                    if (next == null) {
                        statement.setNull(i++, Types.BIGINT);
                    } else {
                        statement.setLong(i++, next.toEpochMilli());
                    }
                }
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
