package dev.rewind.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The migrations on a real H2 file database (the embedded default's engine). */
class H2MigrationsTest {

    @Test
    void aVersionOneLedgerIsUpgradedWithoutLosingData() throws Exception {
        Path dir = Files.createTempDirectory("rewind-h2");
        MigrationUpgrade.run("jdbc:h2:" + dir.resolve("ledger"), "sa", "sa", "h2", "13"); // V8 is PostgreSQL's alone
    }
}
