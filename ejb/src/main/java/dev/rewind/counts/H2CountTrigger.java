package dev.rewind.counts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's half of the entry counts (PostgreSQL's is a PL/pgSQL function, migration V7): after each insert,
 * update or delete of an entry, moves it between the counts of {@code rewind_count}, in the stripe of the
 * current session, in the same transaction. H2 loads it by name, through the class loader of the thread
 * that first writes an entry (a Rewind thread), and keeps the instance.
 */
public class H2CountTrigger implements Trigger {

    private static final String MERGE = """
            merge into rewind_count c
            using (values (cast(session_id() as integer), cast(? as varchar(200)), cast(? as varchar(20)),
                           cast(? as varchar(200)), cast(? as bigint), cast(? as timestamp(6) with time zone),
                           cast(? as varchar(4000))))
                  s(stripe, message_type, status, error_class, n, last_seen, sample_error)
            on c.stripe = s.stripe and c.message_type = s.message_type and c.status = s.status
               and c.error_class = s.error_class
            when matched then update set n = c.n + s.n,
                sample_error = case when s.last_seen is not null and (c.last_seen is null or s.last_seen >= c.last_seen)
                                    then coalesce(s.sample_error, c.sample_error) else c.sample_error end,
                last_seen = case when c.last_seen is null or s.last_seen > c.last_seen
                                 then coalesce(s.last_seen, c.last_seen) else c.last_seen end
            when not matched then insert (stripe, message_type, status, error_class, n, last_seen, sample_error)
                values (s.stripe, s.message_type, s.status, s.error_class, s.n, s.last_seen, s.sample_error)
            """;

    private int type;
    private int status;
    private int errorClass;
    private int updatedAt;
    private int lastError;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int kind)
            throws SQLException {
        // Rows come as arrays in column order, which migrations may extend: find the columns by name.
        Map<String, Integer> positions = new HashMap<>();
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (columns.next()) {
                positions.put(columns.getString("COLUMN_NAME").toLowerCase(), columns.getInt("ORDINAL_POSITION") - 1);
            }
        }
        type = position(positions, "message_type");
        status = position(positions, "status");
        errorClass = position(positions, "error_class");
        updatedAt = position(positions, "updated_at");
        lastError = position(positions, "last_error");
    }

    private static int position(Map<String, Integer> positions, String column) throws SQLException {
        Integer position = positions.get(column);
        if (position == null) {
            throw new SQLException("rewind_entry has no column " + column + ": the counts trigger cannot run");
        }
        return position;
    }

    @Override
    public void fire(Connection connection, Object[] old, Object[] row) throws SQLException {
        if (old != null && row != null && !movesCounts(old, row)) {
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
            if (old != null) {
                bind(merge, old, -1, false);
                merge.executeUpdate();
            }
            if (row != null) {
                bind(merge, row, 1, true);
                merge.executeUpdate();
            }
        }
    }

    /** An update moves an entry between counts, or fails it again (a newer last failure). */
    private boolean movesCounts(Object[] old, Object[] row) {
        return !Objects.equals(key(old, type), key(row, type))
                || !Objects.equals(key(old, status), key(row, status))
                || !Objects.equals(errorKey(old), errorKey(row))
                || (failed(row) && !Objects.equals(old[updatedAt], row[updatedAt]));
    }

    private void bind(PreparedStatement merge, Object[] entry, int n, boolean seen) throws SQLException {
        merge.setString(1, key(entry, type));
        merge.setString(2, key(entry, status));
        merge.setString(3, errorKey(entry));
        merge.setLong(4, n);
        merge.setObject(5, seen && failed(entry) ? entry[updatedAt] : null);
        merge.setObject(6, seen && failed(entry) ? entry[lastError] : null);
    }

    private boolean failed(Object[] entry) {
        return "FAILED".equals(key(entry, status));
    }

    private String errorKey(Object[] entry) {
        return failed(entry) ? key(entry, errorClass) : "";
    }

    private static String key(Object[] entry, int column) {
        Object value = entry[column];
        return value == null ? "" : value.toString();
    }
}
