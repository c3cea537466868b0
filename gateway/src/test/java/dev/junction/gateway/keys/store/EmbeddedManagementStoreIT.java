package dev.junction.gateway.keys.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The management stores' contract on the embedded H2 store. */
class EmbeddedManagementStoreIT extends ManagementStoreContract {
    @TempDir
    static Path dataDir;

    @Override
    JdbcKeyStore open() {
        return KeyStores.openEmbedded(dataDir.resolve("data"));
    }
}
