package dev.junction.cluster.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Builds the Hazelcast member config of a Junction node: the shipped default plus command-line overrides. */
public final class HazelcastConfigFactory {
    static final String DEFAULT_RESOURCE = "junction-hazelcast.xml";

    private HazelcastConfigFactory() {}

    public static Config build(ClusterSettings settings) {
        Config config = loadDefault();
        if (settings.clusterName() != null) {
            config.setClusterName(settings.clusterName());
        }
        NetworkConfig network = config.getNetworkConfig();
        if (settings.port() != null) {
            network.setPort(settings.port());
        }
        if (!settings.members().isEmpty()) {
            JoinConfig join = network.getJoin();
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        }
        return config;
    }

    private static Config loadDefault() {
        try (InputStream in = HazelcastConfigFactory.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new XmlConfigBuilder(in).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
