package dev.junction.gateway;

import dev.junction.cluster.node.ClusterSettings;
import dev.junction.config.JunctionConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a node needs to start.
 *
 * @param config the loaded config
 * @param host the HTTP bind address
 * @param port the HTTP port; 0 picks a free one
 * @param cluster Hazelcast overrides
 * @param instances how many instances of each verticle to run (one per event loop is typical)
 * @param dataDir where the embedded key store lives when no {@code database_url} is set
 */
public record NodeOptions(
        JunctionConfig config, String host, int port, ClusterSettings cluster, int instances, Path dataDir) {
    public static final int DEFAULT_PORT = 4000;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final Path DEFAULT_DATA_DIR = Path.of("junction-data");

    public NodeOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
    }

    /** Options with the default data directory, {@code ./junction-data}. */
    public NodeOptions(JunctionConfig config, String host, int port, ClusterSettings cluster, int instances) {
        this(config, host, port, cluster, instances, DEFAULT_DATA_DIR);
    }

    public static int defaultInstances() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
