package dev.junction.gateway;

import ch.qos.logback.classic.Level;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar junction.jar}: loads the config, joins the cluster, serves. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
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
        StartupReport.configLoaded(config);
        NodeOptions options = new NodeOptions(
                config, commandLine.host(), commandLine.port(), commandLine.cluster(), NodeOptions.defaultInstances());
        JunctionNode node = await(JunctionNode.start(options), "start the node");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "junction-shutdown"));
        StartupReport.serving(node, commandLine.host(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Runs in the JVM's shutdown hook, where System.exit would deadlock: report, never exit. */
    private static void stop(JunctionNode node) {
        try {
            node.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception failure) {
            LOG.warn("The node did not stop cleanly: {}", failure.toString());
        }
    }

    /** Config is read before the node joins the cluster, so that a broken file fails fast. */
    private static JunctionConfig loadConfig(CommandLine commandLine) {
        Vertx loader = Vertx.vertx();
        try {
            Future<JunctionConfig> loaded = commandLine.config() == null
                    ? ConfigLoader.loadDemo(loader)
                    : ConfigLoader.load(loader, commandLine.config());
            return await(loaded, "load the config");
        } finally {
            loader.close();
        }
    }

    private static <T> T await(Future<T> future, String what) {
        CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
        try {
            return done.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof ConfigException invalid) {
                throw invalid;
            }
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
