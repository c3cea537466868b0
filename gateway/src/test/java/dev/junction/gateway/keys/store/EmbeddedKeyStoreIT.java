package dev.junction.gateway.keys.store;

import dev.junction.gateway.keys.KeyStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 store, restarted on the same data directory. */
class EmbeddedKeyStoreIT extends KeyStoreContract {
    @TempDir
    Path dataDir;

    @Override
    KeyStore openFresh() {
        return KeyStores.openEmbedded(dataDir.resolve("nested/data"));
    }

    @Override
    KeyStore reopen() {
        return KeyStores.openEmbedded(dataDir.resolve("nested/data"));
    }
}
