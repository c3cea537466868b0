package dev.junction.gateway;

import dev.junction.gateway.keys.store.TestPostgres;

/** The management suite on a real PostgreSQL server, named by {@code general_settings.database_url}. */
class PostgresManagementIT extends ManagementContract {
    @Override
    String databaseSetting() {
        return "database_url: \"" + TestPostgres.newDatabase() + "\"";
    }
}
