package dev.rewind.counts;

import dev.rewind.api.FailureGroup;
import dev.rewind.api.LedgerStats;
import dev.rewind.api.Status;
import dev.rewind.schema.SchemaMigrations;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Reads the counts the database keeps in {@code rewind_count} (migration V7; on PostgreSQL, V8 counts an update
 * or delete of many entries once per statement): a few rows per type and
 * status and database connection, never a scan of the ledger, and exact, because each count changes in the
 * transaction that changes its entry. Once a minute, the stripes of connections that have ended are folded
 * into stripe 0 so the table stays small.
 */
@Stateless
public class EntryCounts {

    private static final Logger LOG = Logger.getLogger(EntryCounts.class);

    /** The type of entries without one (tombstones, rejected messages with no JMSType), as the API shows it. */
    public static final String NO_TYPE = "(none)";

    /** The ledger counted by a scan, in the counts' keys: columns t (type), s (status), k (error class), n. */
    private static final String LEDGER_COUNTED = """
            select coalesce(message_type, '') t, cast(status as varchar(20)) s,
                   case when status = 'FAILED' then coalesce(error_class, '') else '' end k, count(*) n,
                   max(case when status = 'FAILED' then updated_at end) last_seen,
                   max(case when status = 'FAILED' then last_error end) sample_error
            from rewind_entry
            group by coalesce(message_type, ''), cast(status as varchar(20)),
                     case when status = 'FAILED' then coalesce(error_class, '') else '' end""";

    /**
     * The scan that proves the counts: every (type, status, error class) whose count in the ledger differs
     * from the sum of its stripes, as rows (type, status, error class, count). No row means they agree; as
     * one statement it reads one snapshot, so it holds while messages are consumed. For tests, and for an
     * operator who doubts a count (it reads the whole ledger: minutes at ten million entries).
     */
    public static final String MISMATCHES_SQL = """
            (select t, s, k, n from (%1$s) ledger except select t, s, k, n from (%2$s) counted)
            union all
            (select t, s, k, n from (%2$s) counted except select t, s, k, n from (%1$s) ledger)
            """.formatted(LEDGER_COUNTED, """
            select message_type t, status s, error_class k, sum(n) n from rewind_count
            group by message_type, status, error_class having sum(n) <> 0""");

    /**
     * Counts the whole ledger into stripe 0, as migration V7 did: for a loader that wrote entries with the
     * trigger off, after it emptied {@code rewind_count}.
     */
    public static final String RECOUNT_SQL = "insert into rewind_count (stripe, message_type, status, error_class, n,"
            + " last_seen, sample_error) select 0, t, s, k, n, last_seen, sample_error from (" + LEDGER_COUNTED + ") ledger";

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    /** Counts by status and by type and status. */
    public LedgerStats stats() {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            byStatus.put(status, 0L);
        }
        Map<String, Map<Status, Long>> byType = new TreeMap<>();
        long total = 0;
        for (Object[] row : rows("select message_type, status, sum(n) from rewind_count group by message_type, status"
                + " having sum(n) <> 0")) {
            String type = ((String) row[0]).isEmpty() ? NO_TYPE : (String) row[0];
            Status status = Status.valueOf((String) row[1]);
            long count = ((Number) row[2]).longValue();
            total += count;
            byStatus.merge(status, count, Long::sum);
            byType.computeIfAbsent(type, t -> new EnumMap<>(Status.class)).merge(status, count, Long::sum);
        }
        return new LedgerStats(total, byStatus, byType);
    }

    /** FAILED entries by type and error class, the largest group first, at most {@code limit} groups. */
    public List<FailureGroup> failureGroups(int limit) {
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        for (Object[] row : rows("select message_type, error_class, n, last_seen, sample_error from rewind_count"
                + " where status = 'FAILED'")) {
            groups.computeIfAbsent(List.of((String) row[0], (String) row[1]), k -> new Group())
                    .add(((Number) row[2]).longValue(), instant(row[3]), (String) row[4]);
        }
        List<FailureGroup> result = new ArrayList<>();
        groups.forEach((key, group) -> {
            if (group.count > 0) {
                result.add(new FailureGroup(key.get(0).isEmpty() ? null : key.get(0),
                        key.get(1).isEmpty() ? null : key.get(1), group.count, group.lastSeen, group.sample));
            }
        });
        result.sort(Comparator.comparingLong(FailureGroup::count).reversed()
                .thenComparing(FailureGroup::type, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(FailureGroup::errorClass, Comparator.nullsFirst(Comparator.naturalOrder())));
        return result.size() > limit ? List.copyOf(result.subList(0, limit)) : result;
    }

    /** {@link #MISMATCHES_SQL}'s rows as "type/status/error class=count"; empty when the counts agree with the ledger. */
    public List<String> mismatches() {
        return rows(MISMATCHES_SQL).stream().map(r -> r[0] + "/" + r[1] + "/" + r[2] + "=" + r[3]).toList();
    }

    /**
     * Folds the stripes of database connections that no longer exist into stripe 0. Rows are locked in key
     * order, so nodes folding at the same time wait for each other instead of deadlocking; a connection
     * that reuses an ended one's stripe meanwhile waits for the fold and then counts in a fresh row.
     */
    @Schedule(hour = "*", minute = "*", second = "31", persistent = false, info = "rewind count folding")
    public void fold() {
        String live = postgres() ? "select pid from pg_stat_activity" : "select session_id from information_schema.sessions";
        List<Object[]> ended = rows("select stripe, message_type, status, error_class, n, last_seen, sample_error"
                + " from rewind_count where stripe <> 0 and stripe not in (" + live + ")"
                + " order by stripe, message_type, status, error_class for update");
        for (Object[] row : ended) {
            em.createNativeQuery(postgres() ? UPSERT_ZERO_POSTGRES : UPSERT_ZERO_H2)
                    .setParameter(1, row[1]).setParameter(2, row[2]).setParameter(3, row[3])
                    .setParameter(4, ((Number) row[4]).longValue()).setParameter(5, row[5]).setParameter(6, row[6])
                    .executeUpdate();
            em.createNativeQuery("delete from rewind_count where stripe = ?1 and message_type = ?2 and status = ?3"
                            + " and error_class = ?4")
                    .setParameter(1, row[0]).setParameter(2, row[1]).setParameter(3, row[2]).setParameter(4, row[3])
                    .executeUpdate();
        }
        if (!ended.isEmpty()) {
            LOG.debugf("Folded %d count rows of ended connections", ended.size());
        }
    }

    private static final String ZERO_SET = " n = c.n + s.n,"
            + " sample_error = case when s.last_seen is not null and (c.last_seen is null or s.last_seen >= c.last_seen)"
            + " then coalesce(s.sample_error, c.sample_error) else c.sample_error end,"
            + " last_seen = case when c.last_seen is null or s.last_seen > c.last_seen"
            + " then coalesce(s.last_seen, c.last_seen) else c.last_seen end";

    private static final String UPSERT_ZERO_POSTGRES = "insert into rewind_count as c"
            + " (stripe, message_type, status, error_class, n, last_seen, sample_error)"
            + " values (0, ?1, ?2, ?3, ?4, ?5, ?6)"
            + " on conflict (stripe, message_type, status, error_class) do update set"
            + ZERO_SET.replace("s.", "excluded.");

    private static final String UPSERT_ZERO_H2 = "merge into rewind_count c"
            + " using (values (0, cast(?1 as varchar(200)), cast(?2 as varchar(20)), cast(?3 as varchar(200)),"
            + " cast(?4 as bigint), cast(?5 as timestamp(6) with time zone), cast(?6 as varchar(4000))))"
            + " s(stripe, message_type, status, error_class, n, last_seen, sample_error)"
            + " on c.stripe = s.stripe and c.message_type = s.message_type and c.status = s.status"
            + " and c.error_class = s.error_class"
            + " when matched then update set" + ZERO_SET
            + " when not matched then insert (stripe, message_type, status, error_class, n, last_seen, sample_error)"
            + " values (s.stripe, s.message_type, s.status, s.error_class, s.n, s.last_seen, s.sample_error)";

    private static volatile Boolean postgres;

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "postgresql".equals(em.unwrap(Session.class).doReturningWork(SchemaMigrations::vendor));
            postgres = known;
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }

    /** One failure group being summed over its stripes. */
    private static final class Group {
        long count;
        Instant lastSeen;
        String sample;

        void add(long n, Instant seen, String error) {
            count += n;
            if (seen != null && (lastSeen == null || !seen.isBefore(lastSeen))) {
                lastSeen = seen;
                sample = error != null ? error : sample;
            }
        }
    }
}
