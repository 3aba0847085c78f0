package dev.rewind.bench;

import dev.rewind.counts.EntryCounts;
import dev.rewind.counts.H2CountTrigger;
import jakarta.transaction.UserTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Grows the ledger by SQL, not through JMS, so the scale scenarios can run at millions of entries:
 * each loaded entry gets the rows a delivered message leaves: a PROCESSED one is one row, its attempt
 * and history implied (as the consumer writes a first delivery's success); the others get one delivery
 * attempt, a history row for PENDING and one for their outcome. Entry n is reproducible: its id is a hash of
 * n, it was created n seconds after 2025-01-01 (older than anything the benchmark sends), every
 * tenth is an account.opened, invoice.issued or payment.captured and the rest transfer.requested,
 * 5% FAILED, 1% REVOKED, the rest PROCESSED. Loaded attempt and history rows take negative ids, so
 * they never meet the ids Hibernate's sequences hand out.
 *
 * <p>On PostgreSQL a large load drops the three tables' indexes and foreign keys and builds them
 * again afterwards (what a bulk load does; row-by-row index upkeep is about four times slower),
 * then vacuums and analyzes so the planner and the visibility map see the ledger as a server that
 * ran for months would. On H2 the rows go in with the indexes in place.
 */
final class LedgerLoader {

    private static final String[] TABLES = {"rewind_entry", "rewind_attempt", "rewind_history"};
    private static final int CHUNK = 250_000;

    private final DataSource database;
    private final boolean postgresql;

    LedgerLoader(DataSource database) throws SQLException {
        this.database = database;
        try (Connection connection = database.getConnection()) {
            postgresql = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** How many entries the ledger holds. */
    long entries() throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from rewind_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Adds entries until the ledger holds at least {@code total}; returns the seconds it took. */
    double growTo(long total) throws Exception {
        long missing = total - entries();
        if (missing <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        long first = loaded() + 1;
        long last = first + missing - 1;
        List<String> rebuild = postgresql && missing >= 500_000 ? dropIndexes() : List.of();
        // The counts trigger updates the same count rows once per entry: a load of 250,000 entries in one
        // transaction would leave each row a chain of 250,000 versions to walk. Off for the load, then a recount.
        inTransaction(postgresql ? "alter table rewind_entry disable trigger rewind_entry_counted"
                : "drop trigger rewind_entry_counted");
        for (long from = first; from <= last; from += CHUNK) {
            long to = Math.min(last, from + CHUNK - 1);
            inTransaction(entriesSql(from, to), attemptsSql(from, to), historySql(from, to));
        }
        inTransaction(postgresql ? "alter table rewind_entry enable trigger rewind_entry_counted"
                        : "create trigger rewind_entry_counted after insert, update, delete on rewind_entry for each row"
                        + " call '" + H2CountTrigger.class.getName() + "'",
                "delete from rewind_count", EntryCounts.RECOUNT_SQL);
        for (String ddl : rebuild) {
            inTransaction(ddl);
        }
        analyze();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The highest n loaded so far: entries 1..n are loaded, each with its JMSMessageID. */
    long loaded() throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "select count(*) from rewind_entry where jms_message_id like 'ID:bench-load-%'")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * Drops the tables' foreign keys, primary keys and other indexes, and returns the statements
     * that create them again exactly as the migrations made them (from the catalog), in order.
     */
    private List<String> dropIndexes() throws Exception {
        List<String> drops = new ArrayList<>();
        List<String> primaryKeys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "select c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) from pg_constraint c"
                            + " where c.conrelid::regclass::text = any (?) and c.contype in ('p', 'f')"
                            + " order by c.contype")) {
                query.setArray(1, connection.createArrayOf("text", TABLES));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String table = rows.getString(1);
                        String name = rows.getString(2);
                        drops.add("alter table " + table + " drop constraint " + name);
                        String add = "alter table " + table + " add constraint " + name + " " + rows.getString(4);
                        ("p".equals(rows.getString(3)) ? primaryKeys : foreignKeys).add(add);
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "select indexname, indexdef from pg_indexes where schemaname = current_schema()"
                            + " and tablename = any (?) and indexname not in (select conname from pg_constraint)")) {
                query.setArray(1, connection.createArrayOf("text", TABLES));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        drops.add("drop index " + rows.getString(1));
                        indexes.add(rows.getString(2));
                    }
                }
            }
        }
        // Foreign keys first (they depend on the primary keys), then the rest.
        inTransaction(drops.toArray(String[]::new));
        List<String> rebuild = new ArrayList<>(primaryKeys);
        rebuild.addAll(indexes);
        rebuild.addAll(foreignKeys);
        return rebuild;
    }

    private void analyze() throws SQLException {
        // Outside a transaction: PostgreSQL's VACUUM refuses to run inside one.
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute(postgresql ? "vacuum analyze " + table : "analyze table " + table);
            }
        }
    }

    private void inTransaction(String... statements) throws Exception {
        UserTransaction transaction = userTransaction();
        transaction.setTransactionTimeout(3600);
        transaction.begin();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        } finally {
            transaction.setTransactionTimeout(0);
        }
        transaction.commit();
    }

    private String entriesSql(long from, long to) {
        return "insert into rewind_entry (id, attempts, body, created_at, destination, error_class, jms_message_id,"
                + " last_error, processed_at, properties, replays, status, message_type, updated_at, version, hold,"
                + " first_started_at, first_node)"
                + " select " + id("n") + ", 1,"
                + " '{\"from\":\"acc-' || mod(n, 1000) || '\",\"to\":\"acc-' || mod(n + 7, 1000) || '\",\"amount\":' || (mod(n, 500) + 1) || '}',"
                + " t, 'rewind.inbound',"
                + " case when mod(n, 100) < 5 then 'dev.rewind.example.TransferRefusedException' end,"
                + " 'ID:bench-load-' || n,"
                + " case when mod(n, 100) < 5 then 'insufficient funds in acc-' || mod(n, 1000) end,"
                + " case when mod(n, 100) >= 5 then t end,"
                + " '{}', 0, " + status("n") + ","
                + " case mod(n, 10) when 0 then 'account.opened' when 1 then 'invoice.issued'"
                + " when 2 then 'payment.captured' else 'transfer.requested' end,"
                + " t, 1, false,"
                + " case when " + processed("n") + " then t end, case when " + processed("n") + " then 'bench' end"
                + from(from, to);
    }

    private static String processed(String n) {
        return "mod(" + n + ", 100) > 5";
    }

    private String attemptsSql(long from, long to) {
        return "insert into rewind_attempt (id, ended_at, error, kind, node, attempt_no, outcome, started_at, entry_id)"
                + " select -n, t, case when mod(n, 100) < 5 then 'insufficient funds' end, 'DELIVERY', 'bench', 1,"
                + " case when mod(n, 100) < 5 then 'FAILED' else 'SUCCEEDED' end, t, " + id("n")
                + from(from, to) + " where not " + processed("n");
    }

    private String historySql(long from, long to) {
        return "insert into rewind_history (id, actor, changed_at, from_status, reason, to_status, entry_id)"
                + " select -2 * n - h, 'system', t, case when h = 0 then null else 'PENDING' end,"
                + " case when h = 0 then 'received' else 'handled' end,"
                + " case when h = 0 then 'PENDING' else " + status("n") + " end, " + id("n")
                + " from (" + numbers(from, to) + ") s cross join (select 0 as h union all select 1) hv"
                + " where not " + processed("n");
    }

    private String from(long from, long to) {
        return " from (" + numbers(from, to) + ") s";
    }

    /** n from..to with its creation time t. */
    private String numbers(long from, long to) {
        return postgresql
                ? "select n, timestamptz '2025-01-01 00:00:00+00' + n * interval '1 second' as t"
                        + " from generate_series(" + from + "::bigint, " + to + "::bigint) n"
                : "select x as n, timestamp with time zone '2025-01-01 00:00:00+00' + x * interval '1' second as t"
                        + " from system_range(" + from + ", " + to + ")";
    }

    /** A UUID made from n by a hash, so the attempt and history rows can name their entry. */
    private String id(String n) {
        return postgresql
                ? "md5('rewind-bench-' || " + n + ")::uuid"
                : "cast(substring(hash('SHA-256', 'rewind-bench-' || " + n + "), 1, 16) as uuid)";
    }

    private static String status(String n) {
        return "case when mod(" + n + ", 100) < 5 then 'FAILED' when mod(" + n + ", 100) = 5 then 'REVOKED'"
                + " else 'PROCESSED' end";
    }

    /** Loaded entry n's id, computed as the database does: the first 16 bytes of the hash. */
    UUID id(long n) {
        try {
            byte[] hash = MessageDigest.getInstance(postgresql ? "MD5" : "SHA-256")
                    .digest(("rewind-bench-" + n).getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.wrap(hash);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserTransaction userTransaction() throws NamingException {
        return InitialContext.doLookup("java:jboss/UserTransaction");
    }
}
