package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The throwaway PostgreSQL server the store tests share: a real server from Maven's binaries, which a database
 * outage test can stop and start again without losing what was written.
 */
class TestPostgresIT {

    @Test
    void the_server_stops_refusing_connections_and_starts_again_with_its_data() throws SQLException {
        assumeTrue(
                System.getenv(TestPostgres.URL_VARIABLE) == null,
                "a server given by " + TestPostgres.URL_VARIABLE + " is not the tests' to stop");
        String jdbc = DatabaseUrl.parse(TestPostgres.newDatabase(), "test").jdbcUrl();
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (v TEXT)");
            statement.execute("INSERT INTO kept VALUES ('before the outage')");
        }

        TestPostgres.stopServer();
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", ""))
                    .isInstanceOf(SQLException.class);
        } finally {
            TestPostgres.startServer();
        }

        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("before the outage");
        }
    }
}
