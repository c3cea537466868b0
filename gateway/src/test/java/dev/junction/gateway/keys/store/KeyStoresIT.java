package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.KeyStore;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store a node opens, and how start-up fails when it cannot. */
class KeyStoresIT {
    @TempDir
    Path dataDir;

    private static GeneralSettings withDatabaseUrl(String url) {
        return new GeneralSettings(
                null, GeneralSettings.DEFAULT_MAX_REQUEST_SIZE_MB, false, new JsonObject().put("database_url", url));
    }

    @Test
    void without_a_database_url_the_embedded_store_is_made_in_the_data_directory() {
        try (KeyStore store = KeyStores.open(GeneralSettings.defaults(), dataDir.resolve("d"), Map.of())) {
            assertThat(store.describe()).isEqualTo("embedded (" + dataDir.resolve("d") + ")");
            assertThat(Files.exists(dataDir.resolve("d/junction.mv.db"))).isTrue();
        }
    }

    @Test
    void database_url_variable_is_used_when_the_config_has_none() {
        String url = TestPostgres.newDatabase();
        try (KeyStore store = KeyStores.open(GeneralSettings.defaults(), dataDir, Map.of("DATABASE_URL", url))) {
            assertThat(store.describe()).startsWith("postgresql (127.0.0.1:");
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void an_unreachable_database_fails_start_up_quickly_naming_the_setting_but_not_the_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "postgresql://junction:hunter2@127.0.0.1:" + closedPort + "/db";
        long started = System.nanoTime();
        assertThatThrownBy(() -> KeyStores.openPostgres(
                        DatabaseUrl.parse(url, "general_settings.database_url"),
                        "general_settings.database_url",
                        Duration.ofSeconds(2)))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageContaining("general_settings.database_url (postgresql (127.0.0.1:" + closedPort + "/db))")
                .hasMessageNotContaining("hunter2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThatThrownBy(() -> KeyStores.open(withDatabaseUrl("mysql://x"), dataDir, Map.of()))
                .hasMessageContaining("general_settings.database_url");
    }

    /** Two nodes on one host share a data directory: the second process reaches the file through the first. */
    @Test
    void two_processes_share_one_embedded_data_directory() throws Exception {
        Path shared = dataDir.resolve("shared");
        try (KeyStore store = KeyStores.openEmbedded(shared)) {
            store.insertKey(KeyStoreContract.key("from-test"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    OtherNode.class.getName(),
                    shared.toString()));
            Process other =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(other.getInputStream().readAllBytes());
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(output).isZero();
            assertThat(output).contains("found from-test");
            assertThat(store.findKey("from-other")).isPresent();
        }
    }

    /** The second node of {@link #two_processes_share_one_embedded_data_directory}. */
    public static final class OtherNode {
        public static void main(String[] args) {
            try (KeyStore store = KeyStores.openEmbedded(Path.of(args[0]))) {
                System.out.println(
                        "found " + store.findKey("from-test").orElseThrow().token());
                store.insertKey(KeyStoreContract.key("from-other"));
            }
        }
    }
}
