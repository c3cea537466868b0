package dev.junction.gateway;

import ch.qos.logback.classic.Level;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.keys.store.KeyStoreException;
import dev.junction.gateway.observe.logs.JsonLogs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar junction.jar}: loads the config, joins the cluster, serves. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Undeploying and leaving the cluster after the drain: Hazelcast hands its partitions over first. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);
    /** How often {@code --watch-config} looks at the file's modification time. */
    private static final Duration WATCH_PERIOD = Duration.ofSeconds(2);

    private Main() {}

    public static void main(String[] args) {
        widenCommonPool();
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException invalid) {
            System.err.println("junction: " + invalid.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("JSON_LOGS"))) {
            JsonLogs.install(); // before the config is read, so that its own messages are JSON too
        }
        if (commandLine.detailedDebug()) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.junction")).setLevel(Level.DEBUG);
        }
        long started = System.nanoTime();
        JunctionConfig config;
        try {
            config = loadConfig(commandLine);
        } catch (ConfigException invalid) {
            System.err.println("junction: invalid config: " + invalid.getMessage());
            System.exit(1);
            return;
        }
        if (config.observability().jsonLogs()) {
            JsonLogs.install();
        }
        StartupReport.configLoaded(config);
        if (!StartupReport.accessControlsEnforced(config, commandLine.allowUnenforcedAccessControls())) {
            System.exit(1);
            return;
        }
        NodeOptions options = new NodeOptions(
                config,
                commandLine.host(),
                commandLine.port(),
                commandLine.cluster(),
                NodeOptions.defaultInstances(),
                commandLine.dataDir());
        JunctionNode node;
        try {
            node = await(JunctionNode.start(options), "start the node", START_TIMEOUT);
        } catch (ConfigException invalid) {
            // Settings read only when the node starts (general_settings.database_url, DATABASE_URL).
            System.err.println("junction: invalid config: " + invalid.getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException invalid) {
            System.err.println("junction: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        // SIGTERM (a rolling update, docker stop, Ctrl-C) drains the node before the JVM exits.
        Duration grace = commandLine.shutdownGrace();
        ShutdownSignals.install(() -> drainAndLeave(node, grace));
        if (commandLine.config() != null) {
            ConfigReload reload = node.configReload(commandLine.config(), System.getenv());
            ShutdownSignals.onHangUp(reload::reload);
            if (commandLine.watchConfig()) {
                reload.watch(WATCH_PERIOD);
            }
        }
        StartupReport.serving(node, commandLine.host(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * On a 2-core machine the JVM's common ForkJoin pool has a parallelism of 1, and Hazelcast then starts a new
     * thread for every future it completes: measured at 7x fewer requests per second. Must run before anything
     * touches the pool; a value the user set wins.
     */
    private static void widenCommonPool() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null) {
            int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty(property, Integer.toString(parallelism));
        }
    }

    /**
     * Runs on a signal, before the JVM exits, or in the shutdown hook, where {@code System.exit} would block
     * forever: it only logs what went wrong.
     */
    private static void drainAndLeave(JunctionNode node, Duration grace) {
        try {
            node.shutdown(grace)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(grace.plus(LEAVE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception failed) {
            LOG.warn("The node did not stop cleanly: {}", failed.toString());
        }
    }

    /** Config is read before the node joins the cluster, so that a broken file fails fast. */
    private static JunctionConfig loadConfig(CommandLine commandLine) {
        Vertx loader = Vertx.vertx();
        try {
            Future<JunctionConfig> loaded = commandLine.config() == null
                    ? ConfigLoader.loadDemo(loader)
                    : ConfigLoader.load(loader, commandLine.config());
            return await(loaded, "load the config", START_TIMEOUT);
        } finally {
            loader.close();
        }
    }

    /**
     * A problem of the environment the user fixes from its message alone (a port in use, a database that cannot
     * be reached): one line, exit code 1, no stack trace.
     */
    private static void exitIfUserFixable(Throwable failure) {
        if (failure instanceof StartupFailure || failure instanceof KeyStoreException) {
            System.err.println("junction: " + failure.getMessage());
            System.exit(1);
        }
    }

    private static <T> T await(Future<T> future, String what, Duration timeout) {
        CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof ConfigException invalid) {
                throw invalid;
            }
            exitIfUserFixable(failed.getCause());
            LOG.error("Could not {}: {}", what, failed.getCause().getMessage(), failed.getCause());
            System.exit(1);
            throw new IllegalStateException(failed.getCause());
        } catch (Exception interrupted) {
            LOG.error("Could not {}", what, interrupted);
            System.exit(1);
            throw new IllegalStateException(interrupted);
        }
    }
}
