package dev.junction.cluster.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.KubernetesConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the Hazelcast member config of a Junction node: a Hazelcast file (the shipped default, or the one
 * the operator names), then the overrides of {@link ClusterSettings}, then what Junction needs whatever the
 * file says: its maps and the Vert.x cluster manager's structures when the file does not define them, and no
 * Hazelcast shutdown hook, because the node leaves the cluster itself once it has drained.
 */
public final class HazelcastConfigFactory {
    static final String DEFAULT_RESOURCE = "junction-hazelcast.xml";
    /** The Kubernetes discovery property naming a headless service (DNS lookup mode, which needs no RBAC). */
    static final String SERVICE_DNS = "service-dns";

    private HazelcastConfigFactory() {}

    public static Config build(ClusterSettings settings) {
        boolean shipped = settings.hazelcastConfig() == null;
        Config config = shipped ? loadDefault() : loadFile(settings.hazelcastConfig());
        if (settings.clusterName() != null) {
            config.setClusterName(settings.clusterName());
        }
        NetworkConfig network = config.getNetworkConfig();
        if (settings.port() != null) {
            network.setPort(settings.port());
        }
        if (settings.effectiveJoin() != null) {
            applyJoin(network.getJoin(), settings);
        }
        if (shipped && !joinsOverLoopbackOnly(network.getJoin())) {
            // The shipped file pins Hazelcast to loopback, which only a one-machine cluster can use.
            network.getInterfaces().setEnabled(false);
        }
        ClusterDefaults.apply(config);
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        return config;
    }

    /** An explicit join replaces the file's: every other discovery method is switched off. */
    private static void applyJoin(JoinConfig join, ClusterSettings settings) {
        join.getTcpIpConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getKubernetesConfig().setEnabled(false);
        join.getAwsConfig().setEnabled(false);
        join.getGcpConfig().setEnabled(false);
        join.getAzureConfig().setEnabled(false);
        join.getEurekaConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        switch (settings.effectiveJoin()) {
            case TCP_IP -> {
                join.getTcpIpConfig().setEnabled(true);
                if (!settings.members().isEmpty()) {
                    join.getTcpIpConfig().setMembers(settings.members());
                }
            }
            case MULTICAST -> join.getMulticastConfig().setEnabled(true);
            case KUBERNETES -> {
                KubernetesConfig kubernetes = join.getKubernetesConfig().setEnabled(true);
                if (settings.kubernetesServiceDns() != null) {
                    kubernetes.setProperty(SERVICE_DNS, settings.kubernetesServiceDns());
                }
            }
        }
    }

    static boolean joinsOverLoopbackOnly(JoinConfig join) {
        List<String> members = join.getTcpIpConfig().getMembers();
        return join.getTcpIpConfig().isEnabled()
                && !join.getMulticastConfig().isEnabled()
                && !join.getKubernetesConfig().isEnabled()
                && members.stream().allMatch(HazelcastConfigFactory::isLoopback);
    }

    private static boolean isLoopback(String member) {
        String host = member.startsWith("[") ? member.substring(1, Math.max(1, member.indexOf(']'))) : member;
        if (!host.contains("::") && host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static Config loadFile(Path file) {
        try {
            // Hazelcast reads XML or YAML according to the file's extension.
            return Config.loadFromFile(file.toFile());
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("Hazelcast config file " + file + " does not exist", e);
        } catch (RuntimeException invalid) {
            throw new IllegalArgumentException(
                    "Hazelcast config file " + file + " is invalid: " + invalid.getMessage(), invalid);
        }
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
