package dev.junction.gateway.keys.store;

/** The management stores' contract on a real PostgreSQL server ({@link TestPostgres}). */
class PostgresManagementStoreIT extends ManagementStoreContract {
    @Override
    JdbcKeyStore open() {
        return KeyStores.openPostgres(DatabaseUrl.parse(TestPostgres.newDatabase(), "test"), "test");
    }
}
