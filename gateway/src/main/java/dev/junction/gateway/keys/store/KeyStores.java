package dev.junction.gateway.keys.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.junction.config.GeneralSettings;
import dev.junction.config.Secret;
import dev.junction.gateway.keys.KeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the {@link KeyStore} a node is configured for: PostgreSQL when {@code general_settings.database_url}
 * (else the {@code DATABASE_URL} variable) is set, otherwise an embedded H2 database in the data directory.
 * Either way the schema is migrated (Flyway, {@code db/junction}) before the store is returned. Blocks:
 * call it off the event loop.
 */
public final class KeyStores {
    private static final Logger LOG = LoggerFactory.getLogger(KeyStores.class);
    static final String DATABASE_URL_VARIABLE = "DATABASE_URL";
    /** Start-up fails after this long when the database cannot be reached, instead of hanging. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Once started, the longest a store call waits for a connection. Short, because a key lookup waits behind
     * it: during an outage a client gets its 503 after this, not after the start-up timeout.
     */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(2);

    static final int POSTGRES_POOL_SIZE = 8;
    static final int EMBEDDED_POOL_SIZE = 4;
    private static final int EMBEDDED_OPEN_ATTEMPTS = 10;
    /** H2's message to the loser when nodes on one host open the embedded store at the same moment. */
    private static final String H2_LOCK_RACE = "Lock file recently modified";
    /** HikariCP's words when no connection came within its wait. */
    private static final String POOL_WAIT = "Connection is not available";
    /** Flyway's history table; a name of its own, so that a database shared with other tools stays apart. */
    static final String HISTORY_TABLE = "junction_schema_history";

    private KeyStores() {}

    public static JdbcKeyStore open(GeneralSettings general, Path dataDir) {
        return open(general, dataDir, System.getenv());
    }

    /** As {@link #open(GeneralSettings, Path)}, with the environment given. */
    public static JdbcKeyStore open(GeneralSettings general, Path dataDir, Map<String, String> env) {
        Optional<Secret> configured = general == null ? Optional.empty() : general.databaseUrl();
        if (configured.isPresent()) {
            return openPostgres(
                    DatabaseUrl.parse(configured.get().reveal(), "general_settings.database_url"),
                    "general_settings.database_url");
        }
        String variable = env.get(DATABASE_URL_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return openPostgres(DatabaseUrl.parse(variable, DATABASE_URL_VARIABLE), DATABASE_URL_VARIABLE);
        }
        return openEmbedded(dataDir);
    }

    /** PostgreSQL at {@code url}; {@code source} (the setting it came from) is named when it fails. */
    public static JdbcKeyStore openPostgres(DatabaseUrl url, String source) {
        return openPostgres(url, source, CONNECT_TIMEOUT);
    }

    static JdbcKeyStore openPostgres(DatabaseUrl url, String source, Duration connectTimeout) {
        HikariConfig pool = poolConfig("junction-keys-postgres", POSTGRES_POOL_SIZE, connectTimeout);
        pool.setJdbcUrl(url.jdbcUrl());
        pool.setUsername(url.user());
        if (url.password() != null) {
            pool.setPassword(url.password().reveal());
        }
        // pgjdbc's own timeouts (seconds), so that a host that drops packets fails as fast as one that refuses.
        pool.addDataSourceProperty("connectTimeout", connectTimeout.toSeconds());
        pool.addDataSourceProperty("loginTimeout", connectTimeout.toSeconds());
        return open(pool, url.toString(), source + " (" + url + ")");
    }

    /** The embedded H2 database {@code junction} in {@code dataDir}, created with the directory if need be. */
    public static JdbcKeyStore openEmbedded(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException failed) {
            throw new KeyStoreException("Could not create the data directory " + dir + ": " + failed, failed);
        }
        HikariConfig pool = poolConfig("junction-keys-embedded", EMBEDDED_POOL_SIZE, CONNECT_TIMEOUT);
        // AUTO_SERVER lets several nodes on one host share the data directory: the first to open the file
        // serves it to the others over TCP, and another takes over when it stops.
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("junction") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE");
        pool.setUsername("junction");
        pool.setPassword("");
        for (int attempt = 1; ; attempt++) {
            try {
                return open(pool, "embedded (" + dir + ")", "the data directory " + dir);
            } catch (KeyStoreException failed) {
                // Nodes started together on one host race for H2's lock file; the loser is told it was "recently
                // modified" and would stop at start-up, although a moment later the winner serves the file.
                // Or the winner is still migrating and the loser's second connection (Flyway takes two) waits past
                // the pool's bound: a busy machine's start-up, gone a moment later.
                if (attempt >= EMBEDDED_OPEN_ATTEMPTS || !startupRace(failed.getMessage())) {
                    throw failed;
                }
                LOG.info("The embedded key store is being opened by another node; trying again");
                pause(ThreadLocalRandom.current().nextLong(200, 1000));
            }
        }
    }

    private static boolean startupRace(String message) {
        return message != null && (message.contains(H2_LOCK_RACE) || message.contains(POOL_WAIT));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KeyStoreException("Interrupted while opening the embedded key store", interrupted);
        }
    }

    private static HikariConfig poolConfig(String name, int size, Duration connectTimeout) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(Math.min(connectTimeout.toMillis(), CONNECTION_WAIT.toMillis()));
        pool.setInitializationFailTimeout(connectTimeout.toMillis());
        return pool;
    }

    private static JdbcKeyStore open(HikariConfig config, String description, String source) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException unreachable) {
            throw new KeyStoreException(
                    "Could not connect to the key store database of " + source + ": " + rootMessage(unreachable),
                    unreachable);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/junction")
                    .table(HISTORY_TABLE)
                    // A database that already holds other tables (LiteLLM's, say) gets Junction's next to them.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException failed) {
            dataSource.close();
            throw new KeyStoreException(
                    "Could not migrate the key store schema of " + source + ": " + rootMessage(failed), failed);
        }
        LOG.info("Key store: {}", description);
        return new JdbcKeyStore(dataSource, description, dataSource);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
