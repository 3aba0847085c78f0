package dev.rewind.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.EntryFilter;
import dev.rewind.api.Rewind;
import dev.rewind.api.Status;
import dev.rewind.it.support.AsOperator;
import dev.rewind.query.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Scenario 4: how fast operators read a large ledger through Rewind's API (the EJB the REST
 * resources call, so JPA and the views included, HTTP not), each against the same SQL sent by
 * plain JDBC (what the database alone costs). Filtered first pages rotate over four filters; the
 * deep page is page 10,000 of the unfiltered list reached by its keyset cursor, against page 1.
 */
final class QueryLatency {

    static final int PAGE = 50;
    static final int DEEP_PAGE = 10_000;
    private static final int WARM_UP = 50;
    private static final int SAMPLES = 400;
    private static final int COUNT_SAMPLES = 10;

    private static final List<EntryFilter> FILTERS = List.of(
            new EntryFilter(Status.FAILED, null, null, null, null, null),
            new EntryFilter(Status.REVOKED, null, null, null, null, null),
            new EntryFilter(null, "invoice.issued", null, null, null, null),
            new EntryFilter(Status.FAILED, "invoice.issued", null, null, null, null));

    private final Rewind rewind;
    private final AsOperator operator;
    private final DataSource database;
    private final LedgerLoader loader;

    QueryLatency(Rewind rewind, AsOperator operator, DataSource database, LedgerLoader loader) {
        this.rewind = rewind;
        this.operator = operator;
        this.database = database;
        this.loader = loader;
    }

    void measure(Results results) throws Exception {
        long entries = loader.entries();
        String at = results.database() + ", " + String.format("%,d", entries) + " entries";
        Map<String, Object> parameters = Map.of("entries", entries, "database", results.database(), "pageSize", PAGE);
        boolean targetApplies = entries >= 10_000_000;

        Timings pages = timings(WARM_UP, SAMPLES, i -> {
            EntryFilter filter = FILTERS.get(i % FILTERS.size());
            return new Pair(() -> jdbcPage(filter), () -> {
                int size = operator.call(() -> rewind.entries(filter, null, PAGE)).items().size();
                assertEquals(PAGE, size, "a full first page for " + filter);
                return size;
            });
        });
        double p99 = Summary.percentile(pages.rewind(), 99);
        results.latency("query-filtered-page (" + at + ")",
                "first page of " + PAGE + " entries, newest first, by status, by type, or both (rotating)",
                parameters, "the same SQL by plain JDBC", pages.baseline(), "Rewind API", pages.rewind(),
                targetApplies ? "p99 <= 20 ms" : "none (the target is set at 10M)",
                targetApplies ? p99 <= 20 : null);

        // Page 10,000 needs 500,000 entries; a smaller ledger's deepest page stands in (noted in the name).
        int deepPage = (int) Math.min(DEEP_PAGE, entries / PAGE);
        String deep = cursorBefore(deepPage);
        Timings firstAndDeep = timings(WARM_UP, SAMPLES / 2, i -> new Pair(
                () -> operator.call(() -> rewind.entries(EntryFilter.ALL, null, PAGE)).items().size(),
                () -> {
                    int size = operator.call(() -> rewind.entries(EntryFilter.ALL, deep, PAGE)).items().size();
                    assertEquals(PAGE, size, "a full page " + deepPage);
                    return size;
                }));
        double ratio = Summary.percentile(firstAndDeep.rewind(), 50) / Summary.percentile(firstAndDeep.baseline(), 50);
        results.latency("query-deep-page (" + at + ")",
                "page " + deepPage + " of the unfiltered list by its keyset cursor, against page 1",
                parameters, "page 1", firstAndDeep.baseline(), "page " + deepPage, firstAndDeep.rewind(),
                targetApplies ? "deep/first <= 1.5" : "deep/first <= 1.5 (target set at 10M)",
                targetApplies ? ratio <= 1.5 : null);

        Timings counts = timings(1, COUNT_SAMPLES, i -> new Pair(this::jdbcCounts, () -> {
            long total = operator.call(rewind::stats).total();
            assertEquals(entries, total, "the counts cover the whole ledger");
            return total;
        }));
        // The counts' target is set at 10M entries on PostgreSQL and at 1M on H2, the embedded default.
        boolean countsTarget = entries >= (results.database().startsWith("H2") ? 1_000_000 : 10_000_000);
        double countsP99 = Summary.percentile(counts.rewind(), 99);
        results.latency("query-counts (" + at + ")", "counts by status and type over the whole ledger (GET /stats)",
                parameters, "counting the ledger by plain JDBC (a scan)", counts.baseline(), "Rewind API (kept counts)",
                counts.rewind(), countsTarget ? "p99 <= 50 ms" : "p99 <= 50 ms (target set at 10M)",
                countsTarget ? countsP99 <= 50 : null);

        Random random = new Random(42);
        long loaded = loader.loaded();
        Timings entryReads = timings(WARM_UP, SAMPLES, i -> {
            UUID id = loader.id(1 + (long) (random.nextDouble() * loaded));
            return new Pair(() -> jdbcEntry(id), () -> {
                var view = operator.call(() -> rewind.entry(id));
                assertEquals(2, view.history().size(), "a loaded entry has two history rows");
                return view.attempts();
            });
        });
        results.latency("query-entry (" + at + ")", "one entry with its attempts and history, by id",
                parameters, "the same SQL by plain JDBC", entryReads.baseline(), "Rewind API", entryReads.rewind(),
                "none (context)", null);
    }

    /** One sample's two calls: the baseline's and Rewind's. */
    private record Pair(Callable<?> baseline, Callable<?> rewind) {
    }

    /** Milliseconds of each call, warm-up calls left out. */
    private record Timings(List<Double> baseline, List<Double> rewind) {
    }

    /** Times {@code warmUp + count} pairs of calls, one after the other, and keeps the last {@code count}. */
    private static Timings timings(int warmUp, int count, IntFunction<Pair> pairs) throws Exception {
        Timings timings = new Timings(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < warmUp + count; i++) {
            Pair pair = pairs.apply(i);
            double baseline = time(pair.baseline());
            double rewind = time(pair.rewind());
            if (i >= warmUp) {
                timings.baseline().add(baseline);
                timings.rewind().add(rewind);
            }
        }
        return timings;
    }

    /** The cursor after page {@code page - 1}, so the next request reads page {@code page}. */
    private String cursorBefore(int page) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("select created_at, id from rewind_entry"
                     + " order by created_at desc, id desc offset ? rows fetch next 1 rows only")) {
            query.setLong(1, (long) (page - 1) * PAGE - 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Instant at = row.getObject(1, OffsetDateTime.class).toInstant();
                return new Cursor(at, row.getObject(2, UUID.class)).encode();
            }
        }
    }

    /** The SQL Hibernate sends for a first page, by plain JDBC, every column read. */
    private int jdbcPage(EntryFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("select * from rewind_entry where 1 = 1");
        if (filter.status() != null) {
            sql.append(" and status = ?");
        }
        if (filter.type() != null) {
            sql.append(" and message_type = ?");
        }
        sql.append(" order by created_at desc, id desc fetch first ").append(PAGE + 1).append(" rows only");
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (filter.status() != null) {
                query.setString(index++, filter.status().name());
            }
            if (filter.type() != null) {
                query.setString(index, filter.type());
            }
            return readAll(query);
        }
    }

    private int jdbcCounts() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select message_type, status, count(*) from rewind_entry group by message_type, status")) {
            return readAll(query);
        }
    }

    private int jdbcEntry(UUID id) throws SQLException {
        try (Connection connection = database.getConnection()) {
            // What Rewind reads: the entry, and its attempt and history rows unless they are implied.
            boolean implied;
            try (PreparedStatement query = connection.prepareStatement("select * from rewind_entry where id = ?")) {
                query.setObject(1, id);
                try (ResultSet entry = query.executeQuery()) {
                    assertTrue(entry.next(), "entry " + id);
                    implied = entry.getObject("first_started_at") != null;
                }
            }
            int rows = 1;
            if (!implied) {
                for (String sql : List.of("select * from rewind_attempt where entry_id = ? order by id",
                        "select * from rewind_history where entry_id = ? order by id")) {
                    try (PreparedStatement query = connection.prepareStatement(sql)) {
                        query.setObject(1, id);
                        rows += readAll(query);
                    }
                }
            }
            assertEquals(implied ? 1 : 4, rows, "the entry, and its attempt and two history rows unless implied, of " + id);
            return rows;
        }
    }

    private static int readAll(PreparedStatement query) throws SQLException {
        int rows = 0;
        try (ResultSet result = query.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int c = 1; c <= columns; c++) {
                    result.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }

    /** Milliseconds one call takes. */
    private static double time(Callable<?> call) throws Exception {
        long start = System.nanoTime();
        call.call();
        return (System.nanoTime() - start) / 1e6;
    }
}
