package dev.rewind.it.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's PostgreSQL database read (and, to seed it fast, written) with plain SQL from outside the
 * servers: what several nodes wrote is checked where it is, whichever node would answer the API.
 */
public final class LedgerDatabase {

    private final String url;

    public LedgerDatabase(String name) {
        this.url = "jdbc:postgresql://" + System.getProperty("rewind.test.db.host", "localhost") + ":"
                + System.getProperty("rewind.test.db.port") + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, System.getProperty("rewind.test.db.user", "rewind"),
                System.getProperty("rewind.test.db.password", "rewind"));
    }

    /** The status of each of {@code ids} that has an entry. */
    public Map<UUID, String> statuses(Collection<UUID> ids) throws SQLException {
        return byId("select id, status from rewind_entry where id = any(?)", ids);
    }

    /**
     * How many times each entry's handler succeeded (a first delivery implied by the entry, or attempts that
     * succeeded other than compensations), and how many compensations succeeded: "handled" and "compensated".
     */
    public Map<UUID, int[]> handledAndCompensated(Collection<UUID> ids) throws SQLException {
        Map<UUID, int[]> counts = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select e.id,"
                + " (case when e.first_node is not null then 1 else 0 end) + (select count(*) from rewind_attempt a"
                + "   where a.entry_id = e.id and a.outcome = 'SUCCEEDED' and a.kind <> 'COMPENSATION'),"
                + " (select count(*) from rewind_attempt a where a.entry_id = e.id and a.outcome = 'SUCCEEDED'"
                + "   and a.kind = 'COMPENSATION')"
                + " from rewind_entry e where e.id = any(?)")) {
            s.setArray(1, uuids(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put((UUID) r.getObject(1), new int[] {r.getInt(2), r.getInt(3)});
                }
            }
        }
        return counts;
    }

    /** How many successful handlings of {@code ids} each node did (first deliveries and attempts). */
    public Map<String, Long> handledByNode(Collection<UUID> ids) throws SQLException {
        Map<String, Long> nodes = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select node, count(*) from (select first_node as node from rewind_entry where id = any(?) and first_node"
                        + " is not null union all select node from rewind_attempt where entry_id = any(?) and outcome ="
                        + " 'SUCCEEDED' and kind <> 'COMPENSATION') handled group by node")) {
            Array array = uuids(c, ids);
            s.setArray(1, array);
            s.setArray(2, array);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    nodes.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return nodes;
    }

    /**
     * How many of {@code ids} needed more than one delivery (a delivery rolled back by a crash and redelivered)
     * or a message re-sent by reconciliation to settle.
     */
    public int recovered(Collection<UUID> ids) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select count(*) from rewind_entry e"
                + " where e.id = any(?) and (exists (select 1 from rewind_attempt a where a.entry_id = e.id"
                + " and a.kind = 'REDELIVERY') or exists (select 1 from rewind_history h"
                + " where h.entry_id = e.id and h.reason like '%sent again%'))")) {
            s.setArray(1, uuids(c, ids));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The number of replays of each entry. */
    public Map<UUID, String> replays(Collection<UUID> ids) throws SQLException {
        return byId("select id, replays || ' ' || status from rewind_entry where id = any(?)", ids);
    }

    /**
     * What the ledger says of each entry (its row, history and attempts) and what the database is doing (open and
     * prepared transactions): printed when a test waits in vain, so a failure on CI explains itself.
     */
    public String describe(Collection<UUID> ids) {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect()) {
            for (UUID id : ids) {
                out.append("\n  entry ").append(id).append(": ");
                rows(c, out, "select status, version, outbound_queue, outbound_due, compensation_held, updated_at"
                        + " from rewind_entry where id = ?", id);
                out.append("\n   history:");
                rows(c, out, "select changed_at, actor, from_status, to_status, reason from rewind_history"
                        + " where entry_id = ? order by id", id);
                out.append("\n   attempts:");
                rows(c, out, "select kind, node, attempt_no, outcome, started_at, ended_at, error from rewind_attempt"
                        + " where entry_id = ? order by id", id);
            }
            out.append("\n  open transactions:");
            rows(c, out, "select pid, state, xact_start, wait_event_type, left(query, 200) from pg_stat_activity"
                    + " where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()", null);
            out.append("\n  prepared transactions:");
            rows(c, out, "select gid, prepared from pg_prepared_xacts where database = current_database()", null);
        } catch (SQLException e) {
            out.append("\n  (cannot read the ledger: ").append(e).append(')');
        }
        return out.toString();
    }

    private static void rows(Connection c, StringBuilder out, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setObject(1, id);
            }
            try (ResultSet r = s.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    out.append("\n    ");
                    for (int i = 1; i <= columns; i++) {
                        out.append(i > 1 ? " | " : "").append(r.getString(i));
                    }
                }
            }
        }
    }

    private Map<UUID, String> byId(String sql, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> values = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, uuids(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.put((UUID) r.getObject(1), r.getString(2));
                }
            }
        }
        return values;
    }

    private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
