package dev.junction.gateway;

import dev.junction.cluster.node.ClusterSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code --config FILE --port 4000 --host 0.0.0.0 --detailed_debug --cluster-name NAME
 * --cluster-port 5701 --cluster-members h:p,h:p}. {@code CONFIG_FILE_PATH} names the config when
 * {@code --config} is absent, as it does for LiteLLM.
 */
public record CommandLine(
        Path config, String host, int port, boolean detailedDebug, ClusterSettings cluster, boolean help) {

    public static final String USAGE =
            """
            Usage: java -jar junction.jar [--config FILE] [--port 4000] [--host 0.0.0.0] [--detailed_debug]
                                          [--cluster-name NAME] [--cluster-port 5701] [--cluster-members h:p,h:p]
              --config FILE          LiteLLM-style config.yaml (or set CONFIG_FILE_PATH); without it a demo
                                     config with mock models is served
              --port N               HTTP port (default 4000)
              --host ADDRESS         HTTP bind address (default 0.0.0.0)
              --detailed_debug       debug logging
              --cluster-name NAME    Hazelcast cluster name: nodes only join a cluster of the same name
              --cluster-port N       Hazelcast member port (default 5701, next free port if taken)
              --cluster-members L    comma-separated host:port of other members (TCP-IP join)
            """;

    /** Parses {@code args}; a malformed command line is an {@link IllegalArgumentException} saying why. */
    public static CommandLine parse(String[] args, Map<String, String> env) {
        Path config = env.get("CONFIG_FILE_PATH") == null ? null : Path.of(env.get("CONFIG_FILE_PATH"));
        String host = NodeOptions.DEFAULT_HOST;
        int port = NodeOptions.DEFAULT_PORT;
        boolean debug = false;
        boolean help = false;
        String clusterName = null;
        Integer clusterPort = null;
        List<String> members = List.of();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--config", "-c" -> config = Path.of(value(args, ++i, flag));
                case "--host" -> host = value(args, ++i, flag);
                case "--port", "-p" -> port = number(value(args, ++i, flag), flag);
                case "--detailed_debug", "--detailed-debug", "--debug" -> debug = true;
                case "--cluster-name" -> clusterName = value(args, ++i, flag);
                case "--cluster-port" -> clusterPort = number(value(args, ++i, flag), flag);
                case "--cluster-members" -> members = members(value(args, ++i, flag));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        return new CommandLine(config, host, port, debug, new ClusterSettings(clusterName, clusterPort, members), help);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static int number(String value, String flag) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
        }
    }

    private static List<String> members(String list) {
        List<String> members = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (String member : members) {
            if (!member.matches("[^:\\s]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException(
                        "--cluster-members entries must be host or host:port, got '" + member + "'");
            }
        }
        return members;
    }
}
