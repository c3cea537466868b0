package dev.junction.gateway;

/** The management suite on the embedded store: no {@code database_url}. */
class EmbeddedManagementIT extends ManagementContract {
    @Override
    String databaseSetting() {
        return "";
    }
}
