package dev.rewind.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A database at schema version 1, with data in it, upgraded to the latest version (the vendor's): the data is
 * still there and the new columns have their defaults. Shared by the H2 and PostgreSQL tests; it
 * leaves the database empty.
 */
final class MigrationUpgrade {

    private MigrationUpgrade() {
    }

    static void run(String url, String user, String password, String vendor, String latest) throws SQLException {
        Flyway v1 = flyway(url, user, password, vendor).target(MigrationVersion.fromVersion("1")).load();
        v1.clean();
        v1.migrate();
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.executeUpdate("insert into rewind_entry (id, attempts, body, created_at, destination, properties, replays,"
                    + " status, message_type, updated_at, version) values ('" + id + "', 1, '{\"a\":1}',"
                    + " current_timestamp, 'rewind.inbound', '{}', 0, 'PROCESSED', 'transfer.requested',"
                    + " current_timestamp, 3)");
            s.executeUpdate("insert into rewind_history (id, actor, changed_at, from_status, reason, to_status, entry_id)"
                    + " values (1000000000, 'system', current_timestamp, 'PENDING', 'handled', 'PROCESSED', '" + id + "')");
        }

        var result = flyway(url, user, password, vendor).load().migrate();
        assertEquals(latest, result.targetSchemaVersion);

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select e.body, e.status, e.version, e.hold, e.purged_at, h.reason,"
                     + " e.outbound_queue, (select count(*) from rewind_xids)"
                     + " from rewind_entry e join rewind_history h on h.entry_id = e.id where e.id = '" + id + "'")) {
            r.next();
            assertEquals("{\"a\":1}", r.getString(1));
            assertEquals("PROCESSED", r.getString(2));
            assertEquals(3, r.getLong(3));
            assertFalse(r.getBoolean(4), "an old entry is not on hold");
            assertEquals(null, r.getTimestamp(5));
            assertEquals("handled", r.getString(6));
            assertEquals(null, r.getString(7), "an old entry has no message sent by Rewind on record");
            assertEquals(0, r.getInt(8), "the transaction manager's table starts empty");
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select stripe, message_type, status, error_class, n from rewind_count")) {
            r.next();
            assertEquals(List.of(0, "transfer.requested", "PROCESSED", "", 1L),
                    List.of(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5)),
                    "the upgrade counted the ledger's entries");
            assertFalse(r.next());
        }
        CountsUnderChange.run(url, user, password, 20261129L);
        v1.clean(); // leave the database empty, as the integration tests expect it
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url, String user, String password,
                                                                              String vendor) {
        return Flyway.configure().dataSource(url, user, password).cleanDisabled(false)
                .locations("classpath:db/migration/" + vendor).table("rewind_schema_history");
    }
}
