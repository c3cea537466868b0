package dev.junction.cluster.node;

import java.util.List;

/**
 * Overrides of the default Hazelcast member config, from the command line.
 *
 * @param clusterName isolates clusters that share a network; null keeps the file's
 * @param port the member port; null keeps the file's (5701, auto-incremented)
 * @param members {@code host:port} of the other members; empty keeps the file's member list
 */
public record ClusterSettings(String clusterName, Integer port, List<String> members) {
    public ClusterSettings {
        members = members == null ? List.of() : List.copyOf(members);
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("cluster port must be between 1 and 65535, got " + port);
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(null, null, List.of());
    }
}
