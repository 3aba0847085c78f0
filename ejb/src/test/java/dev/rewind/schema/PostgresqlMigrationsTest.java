package dev.rewind.schema;

import org.junit.jupiter.api.Test;

/**
 * The migrations on a real PostgreSQL. Runs in the {@code postgresql} profile only, which passes
 * the database (the same one the integration tests then use from an empty schema).
 */
class PostgresqlMigrationsTest {

    @Test
    void aVersionOneLedgerIsUpgradedWithoutLosingData() throws Exception {
        String url = System.getProperty("rewind.test.postgresql.url");
        if (url == null) {
            throw new IllegalStateException("run with -Ppostgresql: rewind.test.postgresql.url is not set");
        }
        MigrationUpgrade.run(url, System.getProperty("rewind.test.postgresql.user"),
                System.getProperty("rewind.test.postgresql.password"), "postgresql", "13");
    }
}
