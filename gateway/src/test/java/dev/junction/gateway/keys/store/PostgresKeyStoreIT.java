package dev.junction.gateway.keys.store;

import dev.junction.config.GeneralSettings;
import dev.junction.gateway.keys.KeyStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/**
 * The contract on a real PostgreSQL server ({@link TestPostgres}), one database per test, opened through
 * {@code general_settings.database_url} as a node would; restarted with a new pool on the same database.
 */
class PostgresKeyStoreIT extends KeyStoreContract {
    private String url;

    @Override
    KeyStore openFresh() {
        url = TestPostgres.newDatabase();
        return reopen();
    }

    @Override
    KeyStore reopen() {
        GeneralSettings general = new GeneralSettings(
                null, GeneralSettings.DEFAULT_MAX_REQUEST_SIZE_MB, false, new JsonObject().put("database_url", url));
        return KeyStores.open(general, Path.of("unused"), Map.of());
    }
}
