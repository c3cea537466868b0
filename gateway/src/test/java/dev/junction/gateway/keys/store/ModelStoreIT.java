package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.KeyStore;
import dev.junction.gateway.models.ModelStore;
import dev.junction.gateway.models.StoredModel;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The models of the model API and the config version, in both stores, across a reopen. */
class ModelStoreIT {
    private static Supplier<KeyStore> store(String kind) throws Exception {
        if (kind.equals("embedded")) {
            Path dir = Files.createTempDirectory("model-store");
            return () -> KeyStores.openEmbedded(dir);
        }
        String url = TestPostgres.newDatabase();
        GeneralSettings general = new GeneralSettings(
                null, GeneralSettings.DEFAULT_MAX_REQUEST_SIZE_MB, false, new JsonObject().put("database_url", url));
        return () -> KeyStores.open(general, Path.of("unused"), Map.of());
    }

    private static StoredModel model(String id, String name, String key) {
        return new StoredModel(
                id,
                name,
                new JsonObject().put("model", "openai/gpt-4o").put("api_key", key),
                new JsonObject().put("id", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void models_and_the_version_are_saved_replaced_deleted_and_kept_across_a_reopen(String kind) throws Exception {
        Supplier<KeyStore> open = store(kind);
        try (KeyStore store = open.get()) {
            ModelStore models = store.models();
            assertThat(models.configVersion()).isEqualTo(OptionalLong.empty());
            models.saveModel(model("m1", "one", "v2:gcm:a"));
            models.saveModel(model("m2", "two", "v2:gcm:b"));
            models.saveModel(model("m1", "one-renamed", "v2:gcm:c"));
            assertThat(models.deleteModel("m2")).isTrue();
            assertThat(models.deleteModel("m2")).isFalse();
            models.saveConfigVersion(7);
            models.saveConfigVersion(5);
        }
        try (KeyStore store = open.get()) {
            List<StoredModel> kept = store.models().listModels();
            assertThat(kept).containsExactly(model("m1", "one-renamed", "v2:gcm:c"));
            assertThat(store.models().configVersion()).isEqualTo(OptionalLong.of(7));
        }
    }
}
