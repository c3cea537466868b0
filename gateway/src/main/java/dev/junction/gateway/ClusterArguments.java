package dev.junction.gateway;

import dev.junction.cluster.node.ClusterSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster options, from flags or environment variables: a flag overrides its variable, and both override
 * the Hazelcast file. The join options go together: one join flag sets aside every join variable, so that
 * {@code --cluster-members} on the command line is not mixed with {@code JUNCTION_CLUSTER_JOIN=kubernetes}.
 */
final class ClusterArguments {
    static final String NAME = "--cluster-name";
    static final String PORT = "--cluster-port";
    static final String MEMBERS = "--cluster-members";
    static final String JOIN = "--cluster-join";
    static final String SERVICE_DNS = "--kubernetes-service-dns";
    static final String HAZELCAST_CONFIG = "--hazelcast-config";

    /** Each flag and the environment variable it overrides. */
    static final Map<String, String> VARIABLES = Map.of(
            NAME, "JUNCTION_CLUSTER_NAME",
            PORT, "JUNCTION_CLUSTER_PORT",
            MEMBERS, "JUNCTION_CLUSTER_MEMBERS",
            JOIN, "JUNCTION_CLUSTER_JOIN",
            SERVICE_DNS, "JUNCTION_KUBERNETES_SERVICE_DNS",
            HAZELCAST_CONFIG, "JUNCTION_HAZELCAST_CONFIG");

    private static final Set<String> JOIN_FLAGS = Set.of(MEMBERS, JOIN, SERVICE_DNS);

    private final Map<String, String> flags = new HashMap<>();

    static boolean accepts(String flag) {
        return VARIABLES.containsKey(flag);
    }

    void set(String flag, String value) {
        flags.put(flag, value);
    }

    ClusterSettings settings(Map<String, String> env) {
        boolean joinFromFlags = flags.keySet().stream().anyMatch(JOIN_FLAGS::contains);
        Map<String, Source> values = new HashMap<>();
        VARIABLES.forEach((flag, variable) -> {
            if (flags.containsKey(flag)) {
                values.put(flag, new Source(flag, flags.get(flag)));
            } else if (env.get(variable) != null
                    && !env.get(variable).isBlank()
                    && !(joinFromFlags && JOIN_FLAGS.contains(flag))) {
                values.put(flag, new Source(variable, env.get(variable)));
            }
        });
        Source port = values.get(PORT);
        Source members = values.get(MEMBERS);
        Source join = values.get(JOIN);
        Source config = values.get(HAZELCAST_CONFIG);
        return new ClusterSettings(
                value(values.get(NAME)),
                port == null ? null : CommandLine.number(port.value(), port.name()),
                members == null ? List.of() : members(members),
                join == null ? null : ClusterSettings.Join.parse(join.value()),
                value(values.get(SERVICE_DNS)),
                config == null ? null : Path.of(config.value()));
    }

    /** A value and the flag or variable it came from, to name in an error. */
    private record Source(String name, String value) {}

    private static String value(Source source) {
        return source == null ? null : source.value().strip();
    }

    private static List<String> members(Source source) {
        List<String> members = Arrays.stream(source.value().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (String member : members) {
            if (!member.matches("[^:\\s]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException(
                        source.name() + " entries must be host or host:port, got '" + member + "'");
            }
        }
        return members;
    }
}
