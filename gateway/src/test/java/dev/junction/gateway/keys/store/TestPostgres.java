package dev.junction.gateway.keys.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests. {@code JUNCTION_TEST_DATABASE_URL} (a {@code postgresql://} URL whose user
 * may create databases) names one; otherwise a throwaway server is started once per JVM with {@code initdb}
 * and {@code pg_ctl} in a temporary directory on a free port (as the {@code postgres} user when running as
 * root, since PostgreSQL refuses root) and stopped when the JVM exits. Without PostgreSQL binaries it fails,
 * saying to install them: the PostgreSQL tests are never skipped silently.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "JUNCTION_TEST_DATABASE_URL";
    /** A directory holding {@code initdb} and {@code pg_ctl}, when they are somewhere unusual. */
    public static final String BIN_VARIABLE = "JUNCTION_PG_BIN";

    private static final String USER = "junction";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String server;

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

    private static synchronized String server() {
        if (server == null) {
            String given = System.getenv(URL_VARIABLE);
            server = given != null && !given.isBlank() ? given.strip() : start();
        }
        return server;
    }

    private static String start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("junction-pg-");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (root) {
                Files.setOwner(dir, postgresUser(dir));
            }
            run(
                    asUser,
                    bin.resolve("initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync");
            int port = freePort();
            // Durability is worth nothing in a throwaway server: fsync off makes every commit cheap.
            String settings = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                    + " -c synchronous_commit=off -c full_page_writes=off";
            run(
                    asUser,
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-o",
                    settings,
                    "-l",
                    dir.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "start");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(asUser, bin, dir, data), "test-postgres-stop"));
            return "postgresql://" + USER + "@127.0.0.1:" + port + "/postgres";
        } catch (IOException failed) {
            throw new IllegalStateException("Could not start a test PostgreSQL server: " + failed, failed);
        }
    }

    /** The {@code postgres} user, created when a root-run machine has none (Debian's package makes it). */
    private static UserPrincipal postgresUser(Path dir) throws IOException {
        try {
            return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (UserPrincipalNotFoundException absent) {
            run(List.of(), "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres");
            return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        }
    }

    private static void stop(List<String> asUser, Path bin, Path dir, Path data) {
        try {
            run(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException | RuntimeException failed) {
            System.err.println("Could not stop the test PostgreSQL server in " + dir + ": " + failed);
        }
    }

    /** {@code $JUNCTION_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}, else the PATH. */
    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        String given = System.getenv(BIN_VARIABLE);
        if (given != null && !given.isBlank()) {
            candidates.add(Path.of(given));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(version -> version.resolve("bin"))
                    .sorted(Comparator.comparing(path -> -versionOf(path)))
                    .forEach(candidates::add);
        } catch (IOException absent) {
            // Not a Debian layout: try the PATH.
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The PostgreSQL store tests need a PostgreSQL server:"
                        + " install PostgreSQL 15 (apt-get install postgresql) so that initdb and pg_ctl are found"
                        + " (in /usr/lib/postgresql/*/bin, on the PATH or in $" + BIN_VARIABLE + "), or set "
                        + URL_VARIABLE + " to postgresql://user:password@host:port/db of a server whose user may"
                        + " create databases."));
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> prefix, String... command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException failed) {
            throw new IllegalStateException("Could not run " + String.join(" ", full) + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), interrupted);
        }
    }
}
