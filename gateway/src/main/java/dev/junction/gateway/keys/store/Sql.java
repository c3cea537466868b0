package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.DuplicateEntryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Connection and transaction plumbing shared by the store's statements. */
final class Sql {
    /** SQLState of a unique constraint violation, on PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final String description;

    Sql(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException failed) {
            throw failure(what, failed);
        }
    }

    /** The rows {@code query} selects, read by {@code reader}. */
    <T> List<T> query(String what, String query, Binder binder, Reader<T> reader) {
        return run(what, connection -> select(connection, query, binder, reader));
    }

    /** As {@link #query}, on a connection in use (a transaction's). */
    static <T> List<T> select(Connection connection, String query, Binder binder, Reader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            binder.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        }
    }

    <T> Optional<T> one(String what, String query, Binder binder, Reader<T> reader) {
        return query(what, query, binder, reader).stream().findFirst();
    }

    /** Runs one INSERT, UPDATE or DELETE and returns the rows it changed. */
    int update(String what, String statement, Binder binder) {
        return run(what, connection -> change(connection, statement, binder));
    }

    /** As {@link #update}, on a connection in use (a transaction's). */
    static int change(Connection connection, String statement, Binder binder) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            binder.bind(prepared);
            return prepared.executeUpdate();
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException failed) {
            throw failure(what, failed);
        }
    }

    /**
     * A duplicate becomes a {@link DuplicateEntryException} naming the field whose column appears in the
     * violated constraint (PostgreSQL names the constraint, H2 the index and its columns); the rest a {@link
     * KeyStoreException}. Only the SQLState is reported: driver messages can quote the values at fault.
     */
    RuntimeException failure(String what, SQLException failed) {
        if (UNIQUE_VIOLATION.equals(failed.getSQLState())) {
            String message = String.valueOf(failed.getMessage()).toLowerCase(Locale.ROOT);
            DuplicateEntryException managed = ManagedDuplicates.of(message);
            if (managed != null) {
                return managed;
            }
            if (message.contains("uq_key_alias") || message.contains("(key_alias")) {
                return new DuplicateEntryException("key_alias", "key_alias is already taken by another key");
            }
            if (message.contains("pk_team_id") || message.contains("(team_id")) {
                return new DuplicateEntryException("team_id", "team_id already exists");
            }
            return new DuplicateEntryException("key", "a key with this token already exists");
        }
        return new KeyStoreException(
                "Could not " + what + " in the key store " + description + " (SQLState " + failed.getSQLState() + ", "
                        + failed.getClass().getSimpleName() + ")",
                failed);
    }

    /** Deletes in sorted order, so that two concurrent deletes lock rows in the same order. */
    List<String> deleteAll(String table, String column, Collection<String> ids) {
        List<String> sorted = new ArrayList<>(
                new TreeSet<>(ids.stream().filter(KeyRows::storable).toList()));
        if (sorted.isEmpty()) {
            return List.of();
        }
        return transaction("delete from " + table, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ?")) {
                for (String id : sorted) {
                    statement.setString(1, id);
                    statement.addBatch();
                }
                return deleted(sorted, statement.executeBatch());
            }
        });
    }

    private static List<String> deleted(List<String> ids, int[] counts) {
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (counts[i] > 0) {
                deleted.add(ids.get(i));
            }
        }
        return deleted;
    }

    /** {@code ?, ?, ?} for {@code count} values. */
    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Binds strings and whole numbers from index 1; returns the next index. */
    static int bindAll(PreparedStatement statement, List<?> values) throws SQLException {
        int i = 1;
        for (Object value : values) {
            if (value instanceof Long number) {
                statement.setLong(i++, number);
            } else {
                statement.setString(i++, (String) value);
            }
        }
        return i;
    }
}
