package dev.rewind.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.counts.EntryCounts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The counts the database keeps (V7) against a recount, after generated changes of entries from several
 * connections (each counts in its own stripe), committed or rolled back at random: inserts,
 * status and error changes, a failure again, deletes, each of one entry or of many in one statement,
 * and updates that move no entry between counts. The ledger and the counts must agree after every
 * commit, from any connection. Shared by the H2 and PostgreSQL tests.
 */
final class CountsUnderChange {

    private static final String[] TYPES = {"transfer.requested", "account.opened", null};
    private static final String[] STATUSES = {"PENDING", "PROCESSED", "FAILED", "REPLAYING", "REVOKING", "REVOKED"};
    private static final String[] ERRORS = {"java.lang.IllegalStateException", "rejected", null};

    private CountsUnderChange() {
    }

    static void run(String url, String user, String password, long seed) throws SQLException {
        Random random = new Random(seed);
        List<Connection> connections = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setAutoCommit(false);
                connections.add(c);
            }
            for (int step = 0; step < 600; step++) {
                Connection c = connections.get(random.nextInt(connections.size()));
                List<UUID> touched = change(c, random, ids);
                if (random.nextInt(5) == 0) {
                    c.rollback();
                    ids.removeAll(touched.stream().filter(id -> !exists(connections.get(0), id)).toList());
                } else {
                    c.commit();
                    assertAgree(connections.get(random.nextInt(connections.size())), "seed " + seed + ", step " + step);
                }
            }
        } finally {
            for (Connection c : connections) {
                c.rollback();
                c.close();
            }
        }
    }

    /** One change of one to three entries, in the connection's open transaction; returns the new ids. */
    private static List<UUID> change(Connection c, Random random, List<UUID> ids) throws SQLException {
        List<UUID> added = new ArrayList<>();
        int op = ids.size() < 10 ? 0 : random.nextInt(7);
        switch (op) {
            case 0 -> {
                for (int i = 0; i <= random.nextInt(3); i++) {
                    UUID id = UUID.randomUUID();
                    try (PreparedStatement insert = c.prepareStatement("insert into rewind_entry (id, attempts, body,"
                            + " created_at, destination, properties, replays, status, message_type, updated_at, version,"
                            + " hold, error_class, last_error) values (?, 1, '{}', ?, 'rewind.inbound', '{}', 0, ?, ?, ?, 0,"
                            + " false, ?, ?)")) {
                        String status = pick(random, STATUSES);
                        String error = pick(random, ERRORS);
                        insert.setObject(1, id);
                        insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                        insert.setString(3, status);
                        insert.setString(4, pick(random, TYPES));
                        insert.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                        insert.setString(6, error);
                        insert.setString(7, error == null ? null : "boom " + random.nextInt(1000));
                        insert.executeUpdate();
                    }
                    ids.add(id);
                    added.add(id);
                }
            }
            case 1 -> update(c, "update rewind_entry set status = ?, updated_at = ? where id = ?",
                    pick(random, STATUSES), ids.get(random.nextInt(ids.size())));
            case 2 -> update(c, "update rewind_entry set error_class = ?, last_error = 'again', updated_at = ? where id = ?",
                    pick(random, ERRORS), ids.get(random.nextInt(ids.size())));
            case 3 -> {
                UUID id = ids.remove(random.nextInt(ids.size()));
                try (PreparedStatement delete = c.prepareStatement("delete from rewind_entry where id = ?")) {
                    delete.setObject(1, id);
                    delete.executeUpdate();
                }
            }
            // Many entries in one statement, as a bulk chunk's replay and a retention batch write them.
            case 4 -> several(c, random, ids, "update rewind_entry set status = ?, updated_at = ? where id in ",
                    pick(random, STATUSES));
            case 5 -> several(c, random, ids, "update rewind_entry set error_class = ?, last_error = 'again',"
                    + " updated_at = ? where id in ", pick(random, ERRORS));
            // A change that moves no entry between counts.
            case 6 -> several(c, random, ids, "update rewind_entry set body = ?, version = version + 1"
                    + " where updated_at <= ? and id in ", "{\"b\":2}");
            default -> throw new IllegalStateException("no operation " + op);
        }
        if (op >= 4 && random.nextInt(4) == 0) { // and a set-based delete after it, as retention writes one
            List<UUID> gone = new ArrayList<>(ids.subList(0, Math.min(ids.size(), 1 + random.nextInt(5))));
            try (PreparedStatement delete = c.prepareStatement("delete from rewind_entry where id in " + marks(gone.size()))) {
                for (int i = 0; i < gone.size(); i++) {
                    delete.setObject(i + 1, gone.get(i));
                }
                delete.executeUpdate();
            }
            ids.removeAll(gone);
        }
        return added;
    }

    /** Runs {@code sql} (value and time as its first parameters) on 2 to 20 random entries, duplicates allowed. */
    private static void several(Connection c, Random random, List<UUID> ids, String sql, String value) throws SQLException {
        int n = 2 + random.nextInt(19);
        try (PreparedStatement update = c.prepareStatement(sql + marks(n))) {
            update.setString(1, value);
            update.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
            for (int i = 0; i < n; i++) {
                update.setObject(3 + i, ids.get(random.nextInt(ids.size())));
            }
            update.executeUpdate();
        }
    }

    private static String marks(int n) {
        return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    private static void update(Connection c, String sql, String value, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, value);
            update.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    static void assertAgree(Connection c, String when) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(EntryCounts.MISMATCHES_SQL)) {
            while (r.next()) {
                mismatches.add(r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3) + "=" + r.getLong(4));
            }
        }
        assertEquals(List.of(), mismatches, "counts that differ from the ledger (" + when + ")");
    }

    private static boolean exists(Connection c, UUID id) {
        try (PreparedStatement select = c.prepareStatement("select 1 from rewind_entry where id = ?")) {
            select.setObject(1, id);
            try (ResultSet r = select.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
