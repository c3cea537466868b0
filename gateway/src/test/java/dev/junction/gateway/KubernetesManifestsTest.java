package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.KubernetesConfig;
import dev.junction.cluster.node.HazelcastConfigFactory;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/kubernetes/} read as Kubernetes would hand it to the container: the Deployment's environment
 * goes through Junction's own command-line parsing and Hazelcast config factory, and the ConfigMap's config
 * through the config loader.
 */
class KubernetesManifestsTest {
    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    private static final List<Map<String, Object>> documents = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readManifests() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
    }

    private static Map<String, Object> resource(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind"))
                        && name.equals(map(d, "metadata").get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }

    private static Map<String, Object> podSpec() {
        return map(map(map(resource("Deployment", "junction"), "spec"), "template"), "spec");
    }

    private static Map<String, Object> container() {
        return list(podSpec(), "containers").get(0);
    }

    /** The container's plain environment, with {@code $(POD_NAMESPACE)} expanded as the kubelet does. */
    private static Map<String, String> environment(String namespace) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> variable : list(container(), "env")) {
            Object value = variable.get("value");
            if (value != null) {
                env.put((String) variable.get("name"), value.toString().replace("$(POD_NAMESPACE)", namespace));
            }
        }
        return env;
    }

    @Test
    void the_deployment_joins_the_headless_service_through_hazelcasts_kubernetes_discovery() {
        Map<String, Object> headless = map(resource("Service", "junction-hazelcast"), "spec");
        assertThat(headless.get("clusterIP")).isEqualTo("None");
        assertThat(headless.get("publishNotReadyAddresses"))
                .as("pods are ready only after joining, so the members must see each other before")
                .isEqualTo(true);
        assertThat(list(headless, "ports").get(0).get("port")).isEqualTo(5701);

        Map<String, String> env = environment("llm");
        CommandLine line = CommandLine.parse(
                ((List<?>) container().get("args"))
                        .stream().map(Object::toString).toArray(String[]::new),
                env);
        Config hazelcast = HazelcastConfigFactory.build(line.cluster());
        KubernetesConfig kubernetes = hazelcast.getNetworkConfig().getJoin().getKubernetesConfig();

        assertThat(kubernetes.isEnabled()).isTrue();
        assertThat(kubernetes.getProperty("service-dns")).isEqualTo("junction-hazelcast.llm.svc.cluster.local");
        assertThat(hazelcast.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled())
                .isFalse();
        assertThat(hazelcast.getNetworkConfig().getInterfaces().isEnabled())
                .as("a pod member must not bind loopback only")
                .isFalse();
        assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(line.config()).isEqualTo(Path.of("/etc/junction/config.yaml"));
    }

    @Test
    void every_junction_variable_in_the_manifest_is_one_junction_reads() {
        List<String> known = new ArrayList<>(ClusterArguments.VARIABLES.values());
        known.add(CommandLine.SHUTDOWN_GRACE_VARIABLE);

        assertThat(environment("default").keySet().stream().filter(name -> name.startsWith("JUNCTION_")))
                .isNotEmpty()
                .allMatch(known::contains);
    }

    @Test
    void kubernetes_waits_for_the_drain_before_killing_the_pod() {
        CommandLine line = CommandLine.parse(new String[0], environment("default"));
        int terminationGrace = (Integer) podSpec().get("terminationGracePeriodSeconds");

        assertThat(map(map(container(), "readinessProbe"), "httpGet").get("path"))
                .isEqualTo("/health/readiness");
        assertThat(map(map(container(), "lifecycle"), "preStop")).isNotNull();
        assertThat((long) terminationGrace)
                .as("preStop pause + drain + time to leave the cluster")
                .isGreaterThanOrEqualTo(line.shutdownGrace().toSeconds() + 15);
    }

    @Test
    void the_config_map_is_a_config_junction_loads() throws Exception {
        Map<String, Object> data = map(resource("ConfigMap", "junction-config"), "data");
        Path config = Files.createTempFile("k8s-config", ".yaml");
        Files.writeString(config, (String) data.get("config.yaml"));
        Vertx vertx = Vertx.vertx();
        try {
            JunctionConfig loaded = ConfigLoader.load(
                            vertx, config, Map.of("OPENAI_API_KEY", "sk-test", "LITELLM_MASTER_KEY", "sk-master"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(loaded.deployments()).isNotEmpty();
            assertThat(loaded.general().masterKey()).isNotNull();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
