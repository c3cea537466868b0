package dev.junction.gateway;

import dev.junction.gateway.keys.store.TestPostgres;

/** The keys suite on a real PostgreSQL server, named by {@code general_settings.database_url}. */
class PostgresKeysIT extends KeysContract {
    @Override
    String databaseSetting() {
        return "database_url: \"" + TestPostgres.newDatabase() + "\"";
    }
}
