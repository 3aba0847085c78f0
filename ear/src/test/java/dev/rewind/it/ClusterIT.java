package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.CrashServer;
import dev.rewind.it.support.DeadLetters;
import dev.rewind.it.support.Http;
import dev.rewind.it.support.LedgerDatabase;
import dev.rewind.it.support.TwoNodes;
import dev.rewind.sender.RewindSender;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Rewind nodes (-Pcluster, {@link TwoNodes}): the test server as node-a and a copy of it as node-b, on the
 * standalone broker and one PostgreSQL ledger (database rewind_cluster), each a process the test kills with
 * SIGKILL. Invariants are read from the ledger's database and the broker, not from one node's answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String DATABASE = "rewind_cluster";
    private static final Duration WAIT = Duration.ofSeconds(180);
    /** A node's job lease (30 s) plus the other node's takeover check (every 10 s): the promise is 60 s. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);
    private static final String RUN = Long.toString(System.nanoTime(), 36);

        private static final Http http = new Http();
    private static TwoNodes nodes;
    private static LedgerDatabase ledger;
    private static CrashServer a;
    private static CrashServer b;

    @BeforeAll
    static void startNodeA() throws Exception {
        nodes = new TwoNodes(DATABASE, RUN);
        ledger = nodes.ledger;
        a = nodes.a;
        b = nodes.b;
        a.start();
    }

    @AfterAll
    static void stopBothNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void aSecondServerUnderALiveNodesNameRefusesToStartAndSaysWhy() throws Exception {
        String output = b.startRefused("node-a");
        assertTrue(output.contains("Rewind refuses to start as node 'node-a'"), "the reason is logged: " + tail(output));
        assertTrue(output.contains("-Djboss.node.name"), "and what to do: " + tail(output));
        b.kill();
        assertEquals(Set.of("node-a"), liveNodes(a), "the refused server did not register");

        b.start();
        assertEquals(Set.of("node-a", "node-b"), liveNodes(a));
        assertEquals(Set.of("node-a", "node-b"), liveNodes(b));
        JsonArray fromB = (JsonArray) Http.json(http.get(b.api() + "/nodes", "viewer").body());
        assertEquals(List.of("node-b"), fromB.stream().map(JsonValue::asJsonObject).filter(n -> n.getBoolean("self"))
                .map(n -> n.getString("name")).toList(), "each node knows which one it is");
    }

    @Test
    @Order(2)
    void fiveThousandTransfersAreProcessedOnceEachAndBothNodesDoAFairPart() throws Exception {
        TwoNodes.Accounts bank = nodes.accounts("fair", 12, 1_000_000);
        List<UUID> ids = bank.sendTransfers(5_000);

        awaitSettled(ids, Set.of("PROCESSED"), WAIT);
        Map<UUID, int[]> handled = ledger.handledAndCompensated(ids);
        assertEquals(ids.size(), handled.size());
        handled.forEach((id, counts) -> assertEquals(1, counts[0], id + " handled exactly once"));
        bank.assertBalances(Set.of());
        Map<String, Long> byNode = ledger.handledByNode(ids);
        System.out.printf("ClusterIT: 5,000 transfers handled by node %s%n", byNode);
        assertEquals(Set.of("node-a", "node-b"), byNode.keySet(), "attempts name both nodes");
        byNode.forEach((node, count) -> assertTrue(count >= 1_000, node + " did a fair part of the work: " + byNode));
        assertEquals(0, DeadLetters.count(ids), "nothing dead-lettered");
    }

    @Test
    @Order(3)
    void revokesThroughNodeAWhileBothNodesConsumeAreWithdrawnOrCompensatedOnce() throws Exception {
        TwoNodes.Accounts bank = nodes.accounts("race", 6, 100_000);
        List<UUID> ids = new ArrayList<>();
        Set<UUID> revoked = new java.util.HashSet<>();
        try (RewindSender sender = bank.sender()) {
            for (int i = 0; i < 300; i++) {
                UUID id = bank.sendTransfer(sender);
                ids.add(id);
                if (i % 2 == 1) {
                    UUID victim = ids.get(i - nodes.random().nextInt(2)); // the one just sent, or the one before
                    if (revoked.add(victim)) {
                        HttpResponse<String> response = http.post(a.api() + "/entries/" + victim + "/revoke", "operator",
                                "{\"reason\":\"cluster race\"}");
                        // 404: not consumed nor recorded yet when the revoke came: a tombstone withdraws it (200) or
                        // the revoke is refused; either way the invariant below holds.
                        assertTrue(Set.of(200, 404, 409).contains(response.statusCode()), response.body());
                    }
                }
            }
        }
        Map<UUID, String> statuses = awaitSettled(ids, Set.of("PROCESSED", "REVOKED"), WAIT);
        Map<UUID, int[]> counts = ledger.handledAndCompensated(ids);
        Set<UUID> undone = new java.util.HashSet<>();
        for (UUID id : ids) {
            int[] c = counts.get(id);
            if (statuses.get(id).equals("REVOKED")) {
                assertTrue(c[0] <= 1 && c[1] == c[0], id + ": withdrawn and never handled, or handled and compensated"
                        + " once (handled " + c[0] + ", compensated " + c[1] + ")");
                undone.add(id);
            } else {
                assertEquals(1, c[0], id + " handled once");
                assertEquals(0, c[1], id + " not compensated");
            }
        }
        assertTrue(revoked.containsAll(undone), "only revoked transfers were undone");
        bank.assertBalances(undone);
        System.out.printf("ClusterIT: race: %d of %d revoked through node-a, %d undone%n", revoked.size(), ids.size(),
                undone.size());
    }

    @Test
    @Order(4)
    void aBulkReplayWhoseNodeIsKilledIsFinishedByTheOtherNodeEveryEntryReplayedOnce() throws Exception {
        List<UUID> ids = seedProcessed(10_000, "takeover");
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"type\":\"cluster.seeded.takeover." + RUN + "\"},\"force\":true,"
                + "\"target\":\"" + BulkIT.PARKING + "\",\"chunkSize\":100,\"ratePerSecond\":400,"
                + "\"reason\":\"cluster takeover\"}";
        HttpResponse<String> started = http.post(a.api() + "/jobs", "operator", job);
        assertEquals(202, started.statusCode(), started.body());
        long jobId = Http.object(started).getJsonNumber("id").longValue();
        assertEquals("node-a", Http.object(started).getString("node"), "the node that started the job runs it");

        Await.until("node-a has replayed a part", WAIT, () -> progress(b, jobId), n -> n >= 2_000);
        a.kill();
        long killed = System.nanoTime();
        JsonObject takenOver = Await.until("node-b takes the job over", TAKEOVER.plusSeconds(30),
                () -> http.getJson(b.api() + "/jobs/" + jobId, "viewer"), j -> "node-b".equals(j.getString("node", null)));
        double takeover = (System.nanoTime() - killed) / 1e9;
        System.out.printf("ClusterIT: bulk job taken over by node-b %.1f s after node-a was killed, at %d of 10,000%n",
                takeover, takenOver.getJsonNumber("done").longValue());
        assertTrue(takeover < TAKEOVER.toSeconds(), "taken over within " + TAKEOVER + ": " + takeover + " s");

        JsonObject done = Await.until("the job completes", WAIT, () -> http.getJson(b.api() + "/jobs/" + jobId, "viewer"),
                j -> !j.getString("state").equals("RUNNING"));
        assertEquals("COMPLETED", done.getString("state"), done.toString());
        assertEquals(10_000, done.getJsonNumber("done").longValue(), done.toString());
        assertEquals(0, done.getJsonNumber("skipped").longValue() + done.getJsonNumber("failed").longValue(), done.toString());
        Map<UUID, String> replays = ledger.replays(ids);
        assertEquals(Map.of("1 REPLAYING", 10_000L), replays.values().stream()
                .collect(Collectors.groupingBy(v -> v, Collectors.counting())), "every entry replayed exactly once");
        Map<String, Long> parked = parkedCopies(Set.copyOf(ids));
        assertEquals(10_000, parked.size(), "a message for every entry");
        assertTrue(parked.values().stream().allMatch(n -> n == 1), "and only one");

        a.start();
        assertEquals(Set.of("node-a", "node-b"), liveNodes(b));
    }

    @Test
    @Order(5)
    void aNodeKilledWithThreeThousandTransfersInFlightLosesAndRepeatsNothing() throws Exception {
        TwoNodes.Accounts bank = nodes.accounts("inflight", 10, 1_000_000);
        List<UUID> ids = bank.sendTransfers(3_000);
        Await.until("the nodes are consuming", WAIT, () -> count(ids, "PROCESSED"), n -> n >= 300);
        a.kill();
        long restarted = a.start();
        Map<UUID, String> statuses = awaitSettled(ids, Set.of("PROCESSED"), WAIT);
        System.out.printf("ClusterIT: 3,000 transfers in flight at a kill -9: drained %.1f s after the restart%n",
                (System.nanoTime() - restarted) / 1e9);
        assertEquals(ids.size(), statuses.size());
        ledger.handledAndCompensated(ids).forEach((id, c) -> assertEquals(1, c[0], id + " handled exactly once"));
        bank.assertBalances(Set.of());
        // A copy the broker dead-lettered at the kill goes: removed once its entry settled, or sent back unseen.
        Await.until("no copy of these transfers is left in the DLQ", Duration.ofSeconds(90), () -> DeadLetters.count(ids),
                n -> n == 0);
        assertNoTransactionLeftInDoubt(restarted);
    }

    @Test
    @Order(6)
    void aNodeKilledDuringARevokeStormOfFiveHundredCompensationsCompensatesEachOnce() throws Exception {
        TwoNodes.Accounts bank = nodes.accounts("storm", 8, 1_000_000);
        List<UUID> ids = bank.sendTransfers(500);
        awaitSettled(ids, Set.of("PROCESSED"), WAIT);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger answered = new AtomicInteger();
        List<UUID> order = new ArrayList<>(ids);
        Collections.shuffle(order, nodes.random());
        for (int i = 0; i < order.size(); i++) {
            UUID id = order.get(i);
            CrashServer node = i % 2 == 0 ? a : b;
            clients.submit(() -> {
                try {
                    HttpResponse<String> r = http.post(node.api() + "/entries/" + id + "/revoke", "operator",
                            "{\"reason\":\"revoke storm\"}");
                    if (r.statusCode() == 200) {
                        answered.incrementAndGet();
                    }
                } catch (RuntimeException cut) {
                    // node-a died under the call
                }
            });
        }
        Await.until("the storm is under way", WAIT, answered::get, n -> n >= 100);
        a.kill();
        clients.shutdown();
        assertTrue(clients.awaitTermination(5, TimeUnit.MINUTES));
        long restarted = a.start();

        // What the crash cut off is revoked again, as an operator would; a revoke done already answers as it is.
        nodes.awaitNone(ids, "REVOKING", WAIT);
        for (UUID id : ids) {
            if (!"REVOKED".equals(ledger.statuses(List.of(id)).get(id))) {
                HttpResponse<String> again = http.post(b.api() + "/entries/" + id + "/revoke", "operator",
                        "{\"reason\":\"revoke storm, again\"}");
                assertEquals(200, again.statusCode(), again.body());
            }
        }
        awaitSettled(ids, Set.of("REVOKED"), WAIT);
        ledger.handledAndCompensated(ids).forEach((id, c) -> assertEquals(1, c[1], id + " compensated exactly once"));
        bank.assertBalances(Set.copyOf(ids));
        assertNoTransactionLeftInDoubt(restarted);
    }

    @Test
    @Order(7)
    void aJobRunOnOneNodeIsCancelledThroughTheOtherAndStops() throws Exception {
        seedProcessed(2_000, "cancel");
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"type\":\"cluster.seeded.cancel." + RUN + "\"},\"force\":true,"
                + "\"target\":\"" + BulkIT.PARKING + "\",\"chunkSize\":20,\"ratePerSecond\":100,\"reason\":\"cluster cancel\"}";
        HttpResponse<String> started = http.post(a.api() + "/jobs", "operator", job);
        assertEquals(202, started.statusCode(), started.body());
        long jobId = Http.object(started).getJsonNumber("id").longValue();
        Await.until("node-a is running it", WAIT, () -> progress(a, jobId), n -> n >= 100);

        HttpResponse<String> cancelled = http.post(b.api() + "/jobs/" + jobId + "/cancel", "operator",
                "{\"reason\":\"stop it from the other node\"}");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("CANCELLED", Http.object(cancelled).getString("state"));
        long atCancel = Http.object(cancelled).getJsonNumber("done").longValue();
        TwoNodes.sleep(Duration.ofSeconds(3)); // node-a's runner would have done 300 more by now
        JsonObject seenByA = http.getJson(a.api() + "/jobs/" + jobId, "viewer");
        assertEquals("CANCELLED", seenByA.getString("state"));
        assertEquals("node-a", seenByA.getString("node"), "it was node-a's job");
        assertEquals(atCancel, seenByA.getJsonNumber("done").longValue(), "no chunk after the cancel");
        assertTrue(atCancel < 2_000, "cancelled before its end: " + atCancel);
    }

    @Test
    @Order(8)
    void aNodeStoppedCleanlyHandsItsJobOverAtOnceAndFreesItsName() throws Exception {
        List<UUID> ids = seedProcessed(3_000, "stop");
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"type\":\"cluster.seeded.stop." + RUN + "\"},\"force\":true,"
                + "\"target\":\"" + BulkIT.PARKING + "\",\"chunkSize\":50,\"ratePerSecond\":200,\"reason\":\"cluster stop\"}";
        HttpResponse<String> started = http.post(a.api() + "/jobs", "operator", job);
        assertEquals(202, started.statusCode(), started.body());
        long jobId = Http.object(started).getJsonNumber("id").longValue();
        Await.until("node-a has replayed a part", WAIT, () -> progress(b, jobId), n -> n >= 400);

        a.stop(); // SIGTERM: a graceful shutdown, as systemctl stop does
        long stopped = System.nanoTime();
        assertEquals(Set.of("node-b"), liveNodes(b), "a node that stops frees its name at once");
        JsonObject takenOver = Await.until("node-b takes the job over", Duration.ofSeconds(40),
                () -> http.getJson(b.api() + "/jobs/" + jobId, "viewer"), j -> "node-b".equals(j.getString("node", null)));
        double handover = (System.nanoTime() - stopped) / 1e9;
        System.out.printf("ClusterIT: bulk job handed over to node-b %.1f s after node-a stopped cleanly, at %d of 3,000%n",
                handover, takenOver.getJsonNumber("done").longValue());
        assertEquals("RUNNING", takenOver.getString("state"), "a clean stop is not the job's failure: " + takenOver);
        assertTrue(handover < 20, "handed over at the next check (10 s), not after the lease: " + handover + " s");

        JsonObject done = Await.until("the job completes", WAIT, () -> http.getJson(b.api() + "/jobs/" + jobId, "viewer"),
                j -> !j.getString("state").equals("RUNNING"));
        assertEquals("COMPLETED", done.getString("state"), done.toString());
        assertEquals(3_000, done.getJsonNumber("done").longValue(), done.toString());
        assertEquals(Map.of("1 REPLAYING", 3_000L), ledger.replays(ids).values().stream()
                .collect(Collectors.groupingBy(v -> v, Collectors.counting())), "every entry replayed exactly once");
        Map<String, Long> parked = parkedCopies(Set.copyOf(ids));
        assertEquals(3_000, parked.size(), "a message for every entry");
        assertTrue(parked.values().stream().allMatch(n -> n == 1), "and only one");
    }

    // --- helpers ---

    private static Map<UUID, String> awaitSettled(List<UUID> ids, Set<String> statuses, Duration timeout) {
        return nodes.awaitSettled(ids, statuses, timeout);
    }

    private static long count(List<UUID> ids, String status) {
        return nodes.count(ids, status);
    }

    private static long progress(CrashServer node, long jobId) {
        JsonObject job = http.getJson(node.api() + "/jobs/" + jobId, "viewer");
        return job.getJsonNumber("done").longValue() + job.getJsonNumber("skipped").longValue();
    }

    private static Set<String> liveNodes(CrashServer node) {
        return nodes.liveNodes(node);
    }

    /** Neither node's transaction log keeps a transaction within 60 s of the restart: recovery resolved them all. */
    private static void assertNoTransactionLeftInDoubt(long restarted) {
        assertEquals(List.of(), nodes.awaitEmptyTransactionLogs(Duration.ofSeconds(60)));
        System.out.printf("ClusterIT: transaction logs empty %.1f s after the restart%n", (System.nanoTime() - restarted) / 1e9);
    }

    /**
     * {@code count} PROCESSED entries written straight into the ledger (as a first delivery that succeeded on a
     * node named "seed"), of a type of this run alone: a bulk replay's material without 10,000 deliveries.
     */
    private static List<UUID> seedProcessed(int count, String kind) throws Exception {
        List<UUID> ids = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        try (Connection c = ledger.connect(); PreparedStatement insert = c.prepareStatement("insert into rewind_entry"
                + " (id, attempts, body, created_at, destination, processed_at, properties, replays, status, message_type,"
                + " updated_at, version, hold, first_started_at, first_node) values (?, 1, ?, ?, 'rewind.inbound', ?,"
                + " '{}', 0, 'PROCESSED', ?, ?, 1, false, ?, 'seed')")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                java.sql.Timestamp t = java.sql.Timestamp.from(at.plusMillis(i));
                insert.setObject(1, id);
                insert.setString(2, "{\"n\":" + i + "}");
                insert.setTimestamp(3, t);
                insert.setTimestamp(4, t);
                insert.setString(5, "cluster.seeded." + kind + "." + RUN);
                insert.setTimestamp(6, t);
                insert.setTimestamp(7, t);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return ids;
    }

    /** How many copies of each of {@code ids} the parking queue holds (it has no consumer). */
    private static Map<String, Long> parkedCopies(Set<UUID> ids) throws Exception {
        Map<String, Long> copies = new HashMap<>();
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(Http.JMS_URL, "rewind",
                System.getProperty("rewind.test.broker-password"));
             jakarta.jms.JMSContext jms = factory.createContext();
             jakarta.jms.QueueBrowser browser = jms.createBrowser(jms.createQueue(BulkIT.PARKING))) {
            for (Object message : Collections.list(browser.getEnumeration())) {
                String id = ((jakarta.jms.Message) message).getStringProperty("rewindId");
                if (id != null && ids.contains(UUID.fromString(id))) {
                    copies.merge(id, 1L, Long::sum);
                }
            }
        }
        return copies;
    }

    private static String tail(String output) {
        return output.length() > 3_000 ? output.substring(output.length() - 3_000) : output;
    }
}
