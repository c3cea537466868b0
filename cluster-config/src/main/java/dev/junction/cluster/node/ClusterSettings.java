package dev.junction.cluster.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Overrides of the Hazelcast member config, from the command line or the environment. Every null or empty
 * value keeps what the Hazelcast config file says.
 *
 * @param clusterName isolates clusters that share a network
 * @param port the member port (the shipped file says 5701, auto-incremented)
 * @param members {@code host:port} of the other members; implies the TCP-IP join
 * @param join how members find each other
 * @param kubernetesServiceDns the headless service whose DNS records list the members (Kubernetes join); null
 *     with the Kubernetes join asks the Kubernetes API for the pods of the namespace instead
 * @param hazelcastConfig a Hazelcast XML or YAML file to start from instead of the shipped one
 */
public record ClusterSettings(
        String clusterName,
        Integer port,
        List<String> members,
        Join join,
        String kubernetesServiceDns,
        Path hazelcastConfig) {

    /** How members find each other. */
    public enum Join {
        /** A fixed member list. */
        TCP_IP,
        /** Multicast on the local network. */
        MULTICAST,
        /** Hazelcast's built-in Kubernetes discovery. */
        KUBERNETES;

        /** {@code tcp-ip}, {@code multicast} or {@code kubernetes}, case-insensitive. */
        public static Join parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "tcp-ip", "tcp", "tcpip" -> TCP_IP;
                case "multicast" -> MULTICAST;
                case "kubernetes", "k8s" -> KUBERNETES;
                default -> throw new IllegalArgumentException(
                        "cluster join must be tcp-ip, multicast or kubernetes, got '" + text + "'");
            };
        }
    }

    public ClusterSettings {
        members = members == null ? List.of() : List.copyOf(members);
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("cluster port must be between 1 and 65535, got " + port);
        }
        if (!members.isEmpty() && join != null && join != Join.TCP_IP) {
            throw new IllegalArgumentException("cluster members are a TCP-IP join setting; the join is " + join);
        }
        if (kubernetesServiceDns != null && join != Join.KUBERNETES) {
            throw new IllegalArgumentException("a Kubernetes service DNS name needs the kubernetes join");
        }
    }

    /** Name, port and member list only: the file's join method and everything else kept. */
    public ClusterSettings(String clusterName, Integer port, List<String> members) {
        this(clusterName, port, members, null, null, null);
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(null, null, List.of());
    }

    /** The join these settings ask for, or null when they keep the file's. */
    public Join effectiveJoin() {
        return join == null && !members.isEmpty() ? Join.TCP_IP : join;
    }
}
