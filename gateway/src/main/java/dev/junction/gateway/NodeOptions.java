package dev.junction.gateway;

import dev.junction.cluster.node.ClusterSettings;
import dev.junction.config.JunctionConfig;
import java.util.Objects;

/**
 * Everything a node needs to start.
 *
 * @param config the loaded config
 * @param host the HTTP bind address
 * @param port the HTTP port; 0 picks a free one
 * @param cluster Hazelcast overrides
 * @param instances how many instances of each verticle to run (one per event loop is typical)
 */
public record NodeOptions(JunctionConfig config, String host, int port, ClusterSettings cluster, int instances) {
    public static final int DEFAULT_PORT = 4000;
    public static final String DEFAULT_HOST = "0.0.0.0";

    public NodeOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cluster, "cluster");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
    }

    public static int defaultInstances() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
