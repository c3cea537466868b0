package dev.junction.gateway;

import dev.junction.cluster.node.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The command line: {@code --config FILE --port 4000 --host 0.0.0.0 --detailed_debug --shutdown-grace 30
 * --data-dir DIR} and the cluster options of {@link ClusterArguments}. {@code CONFIG_FILE_PATH} names the config when
 * {@code --config} is absent, as it does for LiteLLM; the {@code JUNCTION_*} variables stand in for the
 * cluster and shutdown flags.
 */
public record CommandLine(
        Path config,
        String host,
        int port,
        boolean detailedDebug,
        ClusterSettings cluster,
        Duration shutdownGrace,
        Path dataDir,
        boolean allowUnenforcedAccessControls,
        boolean help,
        boolean watchConfig) {

    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    static final String SHUTDOWN_GRACE_VARIABLE = "JUNCTION_SHUTDOWN_GRACE_SECONDS";
    static final String DATA_DIR_VARIABLE = "JUNCTION_DATA_DIR";
    static final String ALLOW_UNENFORCED_VARIABLE = "JUNCTION_ALLOW_UNENFORCED_ACCESS_CONTROLS";
    static final String ALLOW_UNENFORCED_FLAG = "--allow-unenforced-access-controls";

    public static final String USAGE =
            """
            Usage: java -jar junction.jar [--config FILE] [--port 4000] [--host 0.0.0.0] [--detailed_debug]
                                          [--shutdown-grace 30] [--data-dir DIR] [--watch-config]
                                          [--allow-unenforced-access-controls]
                                          [--cluster-name NAME] [--cluster-port 5701]
                                          [--cluster-members h:p,h:p | --cluster-join multicast
                                           | --cluster-join kubernetes [--kubernetes-service-dns NAME]]
                                          [--hazelcast-config FILE]
              --config FILE          LiteLLM-style config.yaml (or set CONFIG_FILE_PATH); without it a demo
                                     config with mock models is served
              --port N               HTTP port (default 4000; PORT)
              --host ADDRESS         HTTP bind address (default 0.0.0.0; HOST)
              --detailed_debug       debug logging
              --shutdown-grace S     on SIGTERM, seconds to let requests in flight finish (default 30;
                                     JUNCTION_SHUTDOWN_GRACE_SECONDS)
              --data-dir DIR         where the embedded key store keeps its files when general_settings has
                                     no database_url (default ./junction-data; JUNCTION_DATA_DIR)
              --watch-config         reload the config's model_list when the file changes (SIGHUP always
                                     reloads it); a file that does not load is refused, the running one kept
              --allow-unenforced-access-controls
                                     start even though the config sets access controls Junction does not
                                     enforce, which are then NOT applied (JUNCTION_ALLOW_UNENFORCED_ACCESS_CONTROLS=true)
              --cluster-name NAME    Hazelcast cluster name: nodes only join a cluster of the same name
                                     (JUNCTION_CLUSTER_NAME)
              --cluster-port N       Hazelcast member port (default 5701, next free port if taken;
                                     JUNCTION_CLUSTER_PORT)
              --cluster-members L    comma-separated host:port of members, TCP-IP join
                                     (JUNCTION_CLUSTER_MEMBERS)
              --cluster-join J       tcp-ip, multicast or kubernetes (JUNCTION_CLUSTER_JOIN)
              --kubernetes-service-dns NAME
                                     headless service listing the pods, for the kubernetes join; without it
                                     the Kubernetes API is asked (JUNCTION_KUBERNETES_SERVICE_DNS)
              --hazelcast-config F   Hazelcast XML or YAML file instead of the shipped one; the flags above
                                     still override it (JUNCTION_HAZELCAST_CONFIG)
            """;

    /** Parses {@code args}; a malformed command line is an {@link IllegalArgumentException} saying why. */
    public static CommandLine parse(String[] args, Map<String, String> env) {
        Path config = env.get("CONFIG_FILE_PATH") == null ? null : Path.of(env.get("CONFIG_FILE_PATH"));
        // LiteLLM's CLI reads HOST and PORT when --host and --port are absent.
        String host = blankToNull(env.get("HOST")) == null
                ? NodeOptions.DEFAULT_HOST
                : env.get("HOST").strip();
        int port = blankToNull(env.get("PORT")) == null
                ? NodeOptions.DEFAULT_PORT
                : number(env.get("PORT").strip(), "PORT");
        boolean allowUnenforced = "true"
                .equalsIgnoreCase(
                        String.valueOf(env.get(ALLOW_UNENFORCED_VARIABLE)).strip());
        boolean debug = false;
        boolean help = false;
        boolean watch = false;
        String grace = env.get(SHUTDOWN_GRACE_VARIABLE);
        String graceSource = SHUTDOWN_GRACE_VARIABLE;
        String dataDir = env.get(DATA_DIR_VARIABLE);
        ClusterArguments cluster = new ClusterArguments();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--config", "-c" -> config = Path.of(value(args, ++i, flag));
                case "--host" -> host = value(args, ++i, flag);
                case "--port", "-p" -> port = number(value(args, ++i, flag), flag);
                case "--detailed_debug", "--detailed-debug", "--debug" -> debug = true;
                case "--shutdown-grace" -> {
                    grace = value(args, ++i, flag);
                    graceSource = flag;
                }
                case "--data-dir" -> dataDir = value(args, ++i, flag);
                case ALLOW_UNENFORCED_FLAG -> allowUnenforced = true;
                case "--help", "-h" -> help = true;
                case "--watch-config" -> watch = true;
                default -> {
                    if (!ClusterArguments.accepts(flag)) {
                        throw new IllegalArgumentException("unknown option " + flag);
                    }
                    cluster.set(flag, value(args, ++i, flag));
                }
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        return new CommandLine(
                config,
                host,
                port,
                debug,
                cluster.settings(env),
                shutdownGrace(grace, graceSource),
                dataDir == null || dataDir.isBlank() ? NodeOptions.DEFAULT_DATA_DIR : Path.of(dataDir),
                allowUnenforced,
                help,
                watch);
    }

    private static Duration shutdownGrace(String seconds, String source) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_SHUTDOWN_GRACE;
        }
        int value = number(seconds.strip(), source);
        if (value < 0) {
            throw new IllegalArgumentException(source + " must not be negative, got " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    static int number(String value, String source) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a number, got '" + value + "'");
        }
    }
}
