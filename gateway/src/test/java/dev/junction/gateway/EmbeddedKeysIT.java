package dev.junction.gateway;

/** The keys suite on the embedded store: no {@code database_url}. */
class EmbeddedKeysIT extends KeysContract {
    @Override
    String databaseSetting() {
        return "";
    }
}
