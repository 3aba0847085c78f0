package dev.rewind.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.JobState;
import dev.rewind.api.JobView;
import dev.rewind.api.Rewind;
import dev.rewind.api.Status;
import dev.rewind.broker.NativeRedrive;
import dev.rewind.example.Accounts;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.TestSupport;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rewind's benchmarks, in the server: -Pproduction,bench on PostgreSQL and the standalone broker,
 * -Pbench on the embedded default (bench/run runs the query scenario there). Each scenario is
 * measured against its baseline in the same run, after a warm-up; {@link Results} writes the JSON
 * file and a Markdown table. Sizes come from system properties of the server (the bench profile
 * sets them): rewind.bench.messages (20,000), rewind.bench.replay (100,000), rewind.bench.revokes
 * (1,000), rewind.bench.ledger (10,000,000 entries for growth and query), and
 * rewind.bench.scenarios picks scenarios (all of {@link #KNOWN} by default).
 */
@ExtendWith(ArquillianExtension.class)
class LedgerBench {

    static final int RUNS = 3;
    static final int MESSAGES = Integer.getInteger("rewind.bench.messages", 20_000);
    static final int REPLAY = Integer.getInteger("rewind.bench.replay", 100_000);
    static final int REVOKES = Integer.getInteger("rewind.bench.revokes", 1_000);
    static final long LEDGER = Long.getLong("rewind.bench.ledger", 10_000_000);
    static final String KNOWN = "ledger-overhead,broker-ceiling,revoke-latency,bulk-replay,growth,query,physical-limit";
    static final Set<String> SCENARIOS = Set.of(System.getProperty("rewind.bench.scenarios", KNOWN).split(","));
    static final int SESSIONS = 16;
    static final int MESSAGE_BYTES = 1024;
    private static final int BATCH = 500;
    private static final Duration DRAIN = Duration.ofMinutes(15);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithBenchmarks(new Class<?>[] {LedgerBench.class, Summary.class, Results.class, Machine.class,
                        LedgerLoader.class, QueryLatency.class},
                BareTransferConsumer.class, BareHandled.class, BenchProbe.class, NativeRedrive.class, PlainConsumers.class);
    }

    @Inject
    JMSContext jms;

    @Inject
    Accounts accounts;

    @Inject
    Rewind rewind;

    @Inject
    BenchProbe probe;

    @EJB
    AsOperator operator;

    @EJB
    TestSupport support;

    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<String> accountIds = new ArrayList<>();
    private final List<UUID> processedByRewind = new ArrayList<>();

    @Test
    void benchmarks() throws Exception {
        assertTrue(Set.of(KNOWN.split(",")).containsAll(SCENARIOS), "scenarios are among " + KNOWN + ": " + SCENARIOS);
        DataSource database = InitialContext.doLookup("java:jboss/datasources/RewindDS");
        Results results = new Results(Machine.describe(database));
        for (int i = 0; i < 100; i++) {
            accountIds.add(accounts.open("bench-" + run + "-" + i, 1_000_000_000_000L).id());
        }
        LedgerLoader loader = new LedgerLoader(database);

        Growth growth = null;
        if (SCENARIOS.contains("ledger-overhead") || SCENARIOS.contains("growth")) {
            warmUp();
            long before = loader.entries();
            Summary rewindRates = ledgerOverhead(results);
            // Growth starts from scenario 1's runs: the same consumption with a nearly empty ledger.
            growth = new Growth(String.format("%,d to %,d", before, loader.entries()), rewindRates);
        }
        if (SCENARIOS.contains("broker-ceiling")) {
            brokerCeiling(results);
        }
        if (SCENARIOS.contains("revoke-latency")) {
            revokeLatency(results);
        }
        if (SCENARIOS.contains("bulk-replay")) {
            bulkReplay(results);
        }
        if (SCENARIOS.contains("growth")) {
            for (long size : new long[] {Math.min(1_000_000, LEDGER), LEDGER}) {
                double seconds = loader.growTo(size);
                growth.measured(results, loader.entries(), seconds, consumeRate(MESSAGES));
            }
        }
        if (SCENARIOS.contains("query")) {
            double seconds = loader.growTo(LEDGER);
            System.out.printf("Loaded the ledger to %,d entries in %.0f s%n", loader.entries(), seconds);
            new QueryLatency(rewind, operator, database, loader).measure(results);
        }
        if (SCENARIOS.contains("physical-limit")) {
            results.physicalLimit(Machine.fsyncPerSecond());
        }
        results.write();
    }

    /** Both consumers' first messages: class loading, JIT, pools and caches filled. */
    private void warmUp() throws Exception {
        drain("BareTransferConsumer", InitialContext.doLookup("java:/jms/queue/bench.bare"), probe::bare, MESSAGES / 4, false);
        consumeRate(MESSAGES / 4);
    }

    /** Messages per second through Rewind's MDB. */
    private double consumeRate(int count) throws Exception {
        return drain("InboundConsumer", InitialContext.doLookup("java:/jms/queue/rewind.inbound"), probe::rewind, count, true);
    }

    /** Scenario 6: Rewind's consumption rate as the loader grows the ledger, against scenario 1's. */
    private record Growth(String startEntries, Summary start) {

        void measured(Results results, long entries, double loadSeconds, double rate) {
            results.ratio(String.format("growth (%s, %,d entries)", results.database(), entries),
                    "consume " + MESSAGES + " messages through Rewind's MDB with the ledger at " + entries + " entries",
                    Map.of("messages", MESSAGES, "entries", entries, "startEntries", startEntries,
                            "loadSeconds", Math.round(loadSeconds)),
                    "ledger at " + startEntries + " entries (ledger-overhead runs)", start,
                    String.format("ledger at %,d entries", entries), Summary.of("messages/s", List.of(rate)),
                    "none (context)", 0);
        }
    }

    /** Scenario 1: the same handler behind a bare MDB and behind Rewind's MDB. */
    private Summary ledgerOverhead(Results results) throws Exception {
        Queue bare = InitialContext.doLookup("java:/jms/queue/bench.bare");
        Queue inbound = InitialContext.doLookup("java:/jms/queue/rewind.inbound");
        List<Double> bareRates = new ArrayList<>();
        List<Double> rewindRates = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            bareRates.add(drain("BareTransferConsumer", bare, probe::bare, MESSAGES, false));
            rewindRates.add(drain("InboundConsumer", inbound, probe::rewind, MESSAGES, true));
        }
        results.ratio("ledger-overhead", "consume " + MESSAGES + " persistent 1 KiB transfer.requested messages, "
                        + SESSIONS + " sessions",
                Map.of("messages", MESSAGES, "messageBytes", MESSAGE_BYTES, "sessions", SESSIONS, "runs", RUNS),
                "bare MDB: same handler, transaction, database and broker, no ledger",
                Summary.of("messages/s", bareRates), "Rewind's MDB", Summary.of("messages/s", rewindRates),
                ">= 0.9", 0.9);
        return Summary.of("messages/s", rewindRates);
    }

    /**
     * Stops the consumer, fills its queue, starts it and times until every message committed;
     * returns messages per second.
     */
    private double drain(String consumer, Queue queue, LongSupplier counter, int count, boolean rewindIds)
            throws Exception {
        delivery(consumer, false);
        List<UUID> ids = fill(queue, count, rewindIds ? "rewindId" : "benchId");
        long before = counter.getAsLong();
        long start = System.nanoTime();
        delivery(consumer, true);
        long end = probe.awaitCount(counter, before + count, DRAIN);
        if (rewindIds) {
            processedByRewind.clear();
            processedByRewind.addAll(ids);
        }
        return count / ((end - start) / 1e9);
    }

    /** Scenario 2: the broker's own ceiling, a plain transacted JMS consumer per session, no MDB and no container. */
    private void brokerCeiling(Results results) throws Exception {
        Queue raw = InitialContext.doLookup("java:/jms/queue/bench.raw");
        rawDrain(raw, MESSAGES / 10);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            rates.add(rawDrain(raw, MESSAGES));
        }
        results.ceiling("broker-ceiling", "plain JMS consumers (Artemis client, " + SESSIONS
                        + " transacted sessions, a commit per message) against Rewind's MDB",
                Map.of("messages", MESSAGES, "messageBytes", MESSAGE_BYTES, "sessions", SESSIONS, "runs", RUNS),
                Summary.of("messages/s", rates), "ledger-overhead");
    }

    /** Fills bench.raw and drains it with plain consumers (the JMS name: the URL maps it to jms.queue.bench.raw). */
    private double rawDrain(Queue queue, int count) throws Exception {
        fill(queue, count, "benchId");
        return PlainConsumers.drain("tcp://127.0.0.1:" + System.getProperty("rewind.broker.port", "61616")
                        + "?enable1xPrefixes=true&consumerWindowSize=0", System.getProperty("rewind.broker.user", "rewind"),
                System.getProperty("rewind.broker.password"), "bench.raw", count, SESSIONS);
    }

    /**
     * Scenario 5: revoke of a PROCESSED transfer until its compensation committed, against one
     * message through the bare MDB until its transaction committed (the least a JMS hop costs).
     */
    private void revokeLatency(Results results) throws Exception {
        Queue bare = InitialContext.doLookup("java:/jms/queue/bench.bare");
        List<Double> hop = new ArrayList<>();
        for (int i = 0; i < REVOKES; i++) {
            UUID id = UUID.randomUUID();
            var committed = probe.await(id);
            TextMessage message = transfer(i);
            message.setStringProperty("benchId", id.toString());
            long start = System.nanoTime();
            jms.createProducer().send(bare, message);
            hop.add((committed.get(30, TimeUnit.SECONDS) - start) / 1e6);
        }
        List<Double> revoke = new ArrayList<>();
        for (UUID id : processedByRewind.subList(0, Math.min(REVOKES, processedByRewind.size()))) {
            var committed = probe.await(id);
            long start = System.nanoTime();
            as(() -> rewind.revoke(id, "benchmark"));
            revoke.add((committed.get(30, TimeUnit.SECONDS) - start) / 1e6);
        }
        results.latency("revoke-latency", "revoke of a PROCESSED transfer until its compensation committed, one at a time",
                Map.of("revokes", revoke.size(), "hops", hop.size()),
                "one message through the bare MDB until its transaction committed", hop, "revoke", revoke, 20);
    }

    /** Scenario 3: bulk replay of FAILED entries against the broker's own redrive of its DLQ. */
    private void bulkReplay(Results results) throws Exception {
        String marker = "bench-replay-" + run;
        for (int seeded = 0; seeded < REPLAY; seeded += 10_000) {
            support.seedFailed(Math.min(10_000, REPLAY - seeded), marker, accountIds.get(0), accountIds.get(1));
        }
        EntryFilter filter = new EntryFilter(Status.FAILED, null, null, null, null, marker);
        long start = System.nanoTime();
        JobView job = as(() -> rewind.startBulk(new BulkRequest(BulkKind.REPLAY, filter, "benchmark", false,
                "bench.parking", 0, BATCH, false)));
        while (job.state() == JobState.RUNNING) {
            TimeUnit.MILLISECONDS.sleep(100);
            long id = job.id();
            job = as(() -> rewind.job(id));
        }
        double replayRate = REPLAY / ((System.nanoTime() - start) / 1e9);
        assertEquals(JobState.COMPLETED, job.state(), "the bulk replay completed: " + job);
        assertEquals(REPLAY, job.done(), "every entry was replayed");

        Queue deadLetters = InitialContext.doLookup("java:/jms/queue/bench.dlq");
        fill(deadLetters, REPLAY, "benchId");
        try (NativeRedrive broker = new NativeRedrive("tcp://127.0.0.1:" + System.getProperty("rewind.broker.port", "61616"),
                System.getProperty("rewind.broker.user", "rewind"), System.getProperty("rewind.broker.password"))) {
            long nativeStart = System.nanoTime();
            long moved = broker.moveAll("bench.dlq", "bench.redriven");
            double nativeRate = moved / ((System.nanoTime() - nativeStart) / 1e9);
            assertEquals(REPLAY, moved, "the broker moved every message");
            broker.purge("bench.parking");
            broker.purge("bench.redriven");
            results.ratio("bulk-replay", "replay " + REPLAY + " FAILED entries (ledger, history and lineage updated, "
                            + "one message each) against Artemis moveMessages of " + REPLAY + " DLQ messages",
                    Map.of("entries", REPLAY, "chunk", BATCH),
                    "Artemis moveMessages (management), no ledger", Summary.of("messages/s", List.of(nativeRate)),
                    "Rewind bulk replay job", Summary.of("messages/s", List.of(replayRate)), ">= 0.5", 0.5);
        }
    }

    /** Puts {@code count} 1 KiB transfers on the queue, {@value #BATCH} per transaction; returns their ids. */
    private List<UUID> fill(Queue queue, int count, String idProperty) throws Exception {
        UserTransaction transaction = InitialContext.doLookup("java:jboss/UserTransaction");
        List<UUID> ids = new ArrayList<>(count);
        transaction.begin();
        try {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                TextMessage message = transfer(i);
                message.setStringProperty(idProperty, id.toString());
                jms.createProducer().send(queue, message);
                ids.add(id);
                if (i % BATCH == BATCH - 1) {
                    transaction.commit();
                    transaction.begin();
                }
            }
            transaction.commit();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
        return ids;
    }

    /** A transfer between two of the 100 accounts, padded to 1 KiB with a memo property. */
    private TextMessage transfer(int i) throws JMSException {
        String from = accountIds.get(i % 100);
        String to = accountIds.get((i + 1 + i / 100) % 100);
        if (from.equals(to)) {
            to = accountIds.get((i + 1) % 100);
        }
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":1}";
        TextMessage message = jms.createTextMessage(body);
        message.setJMSType("transfer.requested");
        message.setStringProperty("memo", "x".repeat(Math.max(0, MESSAGE_BYTES - body.length())));
        return message;
    }

    /** Starts or stops an MDB's delivery through the server's management model (exposed as MBeans). */
    private static void delivery(String mdb, boolean on) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("jboss.as:deployment=rewind.ear,subdeployment=rewind-ejb.jar,subsystem=ejb3,"
                + "message-driven-bean=" + mdb);
        server.invoke(name, on ? "startDelivery" : "stopDelivery", null, null);
    }

    private <T> T as(Callable<T> work) throws Exception {
        return operator.call(work);
    }
}
