package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Await;
import dev.rewind.it.support.CrashServer;
import dev.rewind.it.support.DeadLetters;
import dev.rewind.it.support.ExampleClient;
import dev.rewind.it.support.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server killed with SIGKILL (-Pproduction: PostgreSQL and the standalone broker, the server run as a
 * process by {@link CrashServer}): a few milliseconds into each operation that writes the ledger and sends a
 * message in one transaction (single revoke, bulk revoke, bulk replay, send through Rewind, cascading revoke),
 * and at a random moment of a mixed load of sends and revokes; then restarted. Afterwards each operation is
 * either not done or done exactly once (a revoked transfer compensated once and REVOKED, a replayed entry
 * PROCESSED once, a sent message handled once, a cascade's tree all REVOKED, each compensated once, what a
 * message caused before the message), the balances are exact, nothing stays REVOKING, REPLAYING or PENDING, and
 * rewind.DLQ holds no copy of a PROCESSED entry.
 *
 * <p>Reconciliation's grace is 30 s on this server and its start grace 60 s, so a message lost in the crash is
 * re-sent within the checks' wait; a second copy must not run twice. The limits leave room for the stalls of
 * this machine's disk (seen: a broker's commit unanswered for 30 s, a boot of 200 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {

    /**
     * Recovery (a scan every 5 s) or reconciliation (grace 30 s and start grace 60 s here, a pass every 5 s)
     * has finished by then.
     */
    private static final Duration RECOVERED = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * The promise: in-doubt branches are resolved within this time after a restart (about 10 s; a broker's
     * commit that times out once costs 30 s more).
     */
    private static final Duration IN_DOUBT_CLEARED = Duration.ofSeconds(60);

    private static final CrashServer server = new CrashServer();
    private static final Http http = new Http();
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final ExampleClient EXAMPLE = new ExampleClient(RUN);
    private static final Random random = new Random(RUN.hashCode());
    /** When the server was last down (after a kill or halt, before the restart). */
    private Instant down;

    @BeforeAll
    static void startServer() throws Exception {
        server.install();
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** Where the kill lands. */
    enum Kill {
        /**
         * Halted after the ledger's commit and before the transaction log is written: recovery finds no log
         * and rolls the broker's branch back, so what it sent is lost; reconciliation re-sends it.
         */
        AFTER_LEDGER_COMMIT("l", CrashServer.Halt.AFTER_LEDGER_COMMIT),
        /** Halted with the log written and the broker's branch prepared: recovery commits it. */
        AT_BROKER_COMMIT("h", CrashServer.Halt.AT_BROKER_COMMIT),
        /** SIGKILL a few milliseconds into the call: before, during or after the commit. */
        FEW_MILLISECONDS_IN("k", null);

        final String tag;
        final CrashServer.Halt halt;

        Kill(String tag, CrashServer.Halt halt) {
            this.tag = tag;
            this.halt = halt;
        }

        String tag() {
            return tag;
        }
    }

    @ParameterizedTest
    @EnumSource(Kill.class)
    @Order(1)
    void aRevokeKilledAtCommitIsEitherNotDoneOrCompensatedOnce(Kill kill) throws Exception {
        String from = account(kill.tag() + "rv-a", 1_000);
        String to = account(kill.tag() + "rv-b", 0);
        UUID id = send(transfer(from, to, 300));
        awaitStatus(id, "PROCESSED", WAIT);

        long restarted = killDuring(kill, () -> http.post("/entries/" + id + "/revoke", "operator", "{\"reason\":\"crash test\"}"));

        assertInDoubtSettled(kill, restarted, List.of(id), "REVOKING", "REVOKED");
        JsonObject entry = settled(id, Set.of("PROCESSED", "REVOKED"), RECOVERED);
        boolean revoked = entry.getString("status").equals("REVOKED");
        assertEquals(revoked ? 1 : 0, count(entry, "attemptLog", "kind", "COMPENSATION"), entry.toString());
        assertEquals(revoked ? 1_000 : 700, balance(from), "compensated exactly once, or not at all");
        assertEquals(revoked ? 0 : 300, balance(to));
    }

    @ParameterizedTest
    @EnumSource(Kill.class)
    @Order(2)
    void aBulkRevokeKilledAtAChunkCommitRevokesEachEntryOnce(Kill kill) throws Exception {
        String from = account(kill.tag() + "brv-a", 10_000);
        String to = account(kill.tag() + "brv-b", 0);
        Instant start = Instant.now();
        List<UUID> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add(send(transfer(from, to, i)));
        }
        for (UUID id : ids) {
            awaitStatus(id, "PROCESSED", WAIT);
        }
        String job = "{\"kind\":\"REVOKE\",\"filter\":{\"type\":\"transfer.requested\",\"createdFrom\":\"" + start
                + "\"},\"reason\":\"crash test\",\"chunkSize\":5}";

        long restarted = killDuring(kill, () -> {
            HttpResponse<String> started = http.post("/jobs", "operator", job);
            await(Duration.ofMillis(random.nextInt(400))); // a kill from outside lands in the first chunks
            return started;
        });
        assertInDoubtSettled(kill, restarted, ids, "REVOKING", "REVOKED");
        // The job resumes after the restart if it was created; if not, the operator starts it again.
        Await.until("the job finished or never started", WAIT, () -> ids.stream().map(CrashIT::entry)
                .filter(e -> e.getString("status").equals("REVOKING")).count(), n -> n == 0);
        if (ids.stream().map(CrashIT::entry).anyMatch(e -> e.getString("status").equals("PROCESSED"))) {
            // A resumed job may still be running: a second one skips what the first has done (row locks).
            HttpResponse<String> again = http.post("/jobs", "operator", job);
            assertEquals(202, again.statusCode(), again.body());
        }
        for (UUID id : ids) {
            JsonObject entry = awaitStatus(id, "REVOKED", WAIT);
            assertEquals(1, count(entry, "attemptLog", "kind", "COMPENSATION"), id.toString());
        }
        assertEquals(10_000, balance(from), "each transfer compensated exactly once");
        assertEquals(0, balance(to));
    }

    @ParameterizedTest
    @EnumSource(Kill.class)
    @Order(3)
    void aBulkReplayKilledAtAChunkCommitProcessesEachEntryOnceAndCleansTheDeadLetterQueue(Kill kill) throws Exception {
        String from = account(kill.tag() + "brp-a", 10_000);
        String to = account(kill.tag() + "brp-b", 0);
        freeze(from, true);
        Instant start = Instant.now();
        List<UUID> ids = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            ids.add(send(transfer(from, to, i)));
        }
        for (UUID id : ids) {
            Await.until(id + " failed its last attempt", WAIT, () -> entry(id),
                    e -> e.getString("status").equals("FAILED") && e.getInt("attempts") == 3);
        }
        Await.until("the failures reach the DLQ", WAIT, () -> DeadLetters.count(ids), n -> n == ids.size());
        freeze(from, false);
        String job = "{\"kind\":\"REPLAY\",\"filter\":{\"status\":\"FAILED\",\"type\":\"transfer.requested\","
                + "\"createdFrom\":\"" + start + "\"},\"reason\":\"crash test\",\"chunkSize\":5}";

        long restarted = killDuring(kill, () -> {
            HttpResponse<String> started = http.post("/jobs", "operator", job);
            await(Duration.ofMillis(random.nextInt(400)));
            return started;
        });
        assertInDoubtSettled(kill, restarted, ids, "REPLAYING", "PROCESSED");
        Await.until("nothing is left REPLAYING", WAIT, () -> ids.stream().map(CrashIT::entry)
                .filter(e -> e.getString("status").equals("REPLAYING")).count(), n -> n == 0);
        if (ids.stream().map(CrashIT::entry).anyMatch(e -> e.getString("status").equals("FAILED"))) {
            HttpResponse<String> again = http.post("/jobs", "operator", job);
            assertEquals(202, again.statusCode(), again.body());
        }
        for (UUID id : ids) {
            JsonObject entry = awaitStatus(id, "PROCESSED", WAIT);
            assertEquals(1, entry.getInt("replays"), id.toString());
            assertEquals(1, count(entry, "attemptLog", "kind", "REPLAY"), id.toString());
        }
        assertEquals(10_000 - 120, balance(from), "1 + 2 + ... + 15 moved once");
        assertEquals(120, balance(to));
        Await.until("no stale copy is left in the DLQ", WAIT, () -> DeadLetters.count(ids), n -> n == 0);
    }

    @ParameterizedTest
    @EnumSource(Kill.class)
    @Order(4)
    void aSendKilledAtCommitIsEitherUnknownOrHandledOnce(Kill kill) throws Exception {
        String from = account(kill.tag() + "snd-a", 1_000);
        String to = account(kill.tag() + "snd-b", 0);
        UUID id = UUID.randomUUID();

        long restarted = killDuring(kill, () -> http.post("/messages", "operator", sendRequest(id, transfer(from, to, 77))));

        assertInDoubtSettled(kill, restarted, List.of(id), "PENDING", "PROCESSED");
        JsonObject entry = Await.until(id + " is unknown or processed", RECOVERED, () -> entryOrNull(id),
                e -> e == null || e.getString("status").equals("PROCESSED"));
        boolean sent = entry != null;
        assertEquals(sent ? 1 : 0, entry == null ? 0 : entry.getInt("attempts"));
        assertEquals(sent ? 923 : 1_000, balance(from), "handled exactly once, or never sent");
        assertEquals(sent ? 77 : 0, balance(to));
    }

    @ParameterizedTest
    @EnumSource(Kill.class)
    @Order(5)
    void aCascadeKilledAtCommitTakesBackTheWholeTreeOnceOrNothing(Kill kill) throws Exception {
        String from = account(kill.tag() + "csc-a", 1_000);
        String to = account(kill.tag() + "csc-b", 0);
        long fees = EXAMPLE.feesBalance();
        UUID transfer = send("{\"type\":\"transfer.requested\",\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":100,\"fee\":5,\"notify\":\"crash " + RUN + "\"},\"reason\":\"crash test\"}");
        awaitStatus(transfer, "PROCESSED", WAIT);
        List<UUID> children = http.getJson("/entries/" + transfer + "/lineage", "viewer").getJsonObject("entry")
                .getJsonArray("children").stream().map(c -> UUID.fromString(c.asJsonObject().getString("id"))).toList();
        assertEquals(2, children.size(), "a fee and a notification");
        children.forEach(child -> awaitStatus(child, "PROCESSED", WAIT));
        assertEquals(fees + 5, EXAMPLE.feesBalance());
        assertEquals(1, EXAMPLE.notifications(to));
        List<UUID> tree = new ArrayList<>(children);
        tree.add(transfer);
        String cascade = "{\"reason\":\"crash test\",\"cascade\":true}";

        long restarted = killDuring(kill, () -> http.post("/entries/" + transfer + "/revoke", "operator", cascade));

        // The cascade is one transaction: the whole tree was taken back (REVOKING or further), or none of it.
        Map<UUID, String> after = new HashMap<>();
        tree.forEach(id -> after.put(id, entry(id).getString("status")));
        boolean untouched = after.get(transfer).equals("PROCESSED");
        after.values().forEach(status -> assertEquals(untouched, status.equals("PROCESSED"), "all or nothing: " + after));
        // The children's compensations were sent by the cascade (recovered, or lost and re-sent once); the
        // transfer's was held and is sent by the last child's, never re-sent.
        assertInDoubtSettled(kill, restarted, children, "REVOKING", "REVOKED");
        if (untouched) {
            HttpResponse<String> again = http.post("/entries/" + transfer + "/revoke", "operator", cascade);
            assertEquals(200, again.statusCode(), again.body());
        }
        for (UUID id : tree) {
            JsonObject entry = awaitStatus(id, "REVOKED", WAIT);
            assertEquals(1, count(entry, "attemptLog", "kind", "COMPENSATION"), "compensated once: " + entry);
        }
        JsonObject root = entry(transfer);
        assertEquals(0, root.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .filter(h -> h.getString("reason", "").contains("sent again")).count(), root.toString());
        Instant rootBegan = Instant.parse(compensation(root).getString("startedAt"));
        for (UUID child : children) {
            Instant childEnded = Instant.parse(compensation(entry(child)).getString("endedAt"));
            assertFalse(childEnded.isAfter(rootBegan), child + " compensated at " + childEnded + ", the transfer began at " + rootBegan);
        }
        assertEquals(1_000, balance(from), "the transfer and its fee taken back once");
        assertEquals(0, balance(to));
        assertEquals(fees, EXAMPLE.feesBalance());
        assertEquals(0, EXAMPLE.notifications(to));
    }

    @Test
    @Order(6)
    void killedAtRandomUnderALoadOfSendsAndRevokesNothingIsLostOrDoneTwice() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(account("load" + i, 100_000));
        }
        Map<UUID, long[]> transfers = new ConcurrentHashMap<>(); // id -> {from, to, amount}
        Set<UUID> revoked = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(3_000 + random.nextInt(4_000));
                killed.set(true);
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        List<UUID> sent = new ArrayList<>();
        while (!killed.get()) {
            int a = random.nextInt(accounts.size());
            int b = (a + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
            long amount = 1 + random.nextInt(100);
            UUID id = UUID.randomUUID();
            transfers.put(id, new long[] {a, b, amount});
            attempt(() -> http.post("/messages", "operator", sendRequest(id, transfer(accounts.get(a), accounts.get(b), amount))));
            sent.add(id);
            if (sent.size() % 4 == 0) {
                UUID victim = sent.get(random.nextInt(sent.size()));
                revoked.add(victim);
                attempt(() -> http.post("/entries/" + victim + "/revoke", "operator", "{\"reason\":\"load\"}"));
            }
        }
        killer.join();
        server.start();

        // A send whose answer was lost may or may not have committed: the client sends it again with its id.
        for (UUID id : transfers.keySet()) {
            if (entryOrNull(id) == null) {
                long[] t = transfers.get(id);
                HttpResponse<String> again = http.post("/messages", "operator",
                        sendRequest(id, transfer(accounts.get((int) t[0]), accounts.get((int) t[1]), t[2])));
                assertTrue(again.statusCode() == 201 || again.statusCode() == 409, again.body());
            }
        }
        Map<String, Long> expected = new HashMap<>();
        accounts.forEach(a -> expected.put(a, 100_000L));
        for (UUID id : transfers.keySet()) {
            JsonObject entry = Await.until(id + " settles", WAIT, () -> entry(id),
                    e -> Set.of("PROCESSED", "REVOKED").contains(e.getString("status")));
            long compensations = count(entry, "attemptLog", "kind", "COMPENSATION");
            long handled = entry.getJsonArray("attemptLog").stream().map(JsonValue::asJsonObject)
                    .filter(at -> at.getString("outcome", "").equals("SUCCEEDED") && !at.getString("kind").equals("COMPENSATION"))
                    .count();
            assertTrue(handled <= 1 && compensations <= handled, id + ": " + entry);
            if (entry.getString("status").equals("PROCESSED")) {
                assertEquals(1, handled, id + " ran once");
                long[] t = transfers.get(id);
                expected.merge(accounts.get((int) t[0]), -t[2], Long::sum);
                expected.merge(accounts.get((int) t[1]), t[2], Long::sum);
            } else {
                assertEquals(handled, compensations, id + " is REVOKED: withdrawn unrun, or run and compensated once");
            }
        }
        for (String account : accounts) {
            assertEquals(expected.get(account), balance(account), account);
        }
        // A copy dead-lettered around the crash is removed by reconciliation once its entry has settled.
        Await.until("no copy of a settled entry is left in the DLQ", WAIT,
                () -> DeadLetters.count(new ArrayList<>(transfers.keySet())), n -> n == 0);
        assertTrue(!revoked.isEmpty() && transfers.size() > 20, "the load ran: " + transfers.size() + " sends");
    }

    // --- helpers ---

    /**
     * Starts the operation and kills the server where {@code kill} says; then restarts it and returns when it
     * answered again ({@link System#nanoTime()}). A few milliseconds in, the kill lands around the commit
     * (the ledger's commit and the broker's are microseconds apart: some kills land between them, most before
     * or after); the halt rule lands between them every time.
     */
    private long killDuring(Kill kill, java.util.concurrent.Callable<?> operation) throws Exception {
        if (kill.halt != null) {
            server.armHalt(kill.halt);
        }
        Thread call = new Thread(() -> attempt(() -> {
            try {
                operation.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        call.start();
        if (kill.halt != null) {
            server.awaitHalt();
        } else {
            await(Duration.ofMillis(5 + random.nextInt(40)));
            server.kill();
        }
        call.join();
        down = Instant.now();
        return server.start();
    }

    /**
     * After a halt: the ledger committed, so some of {@code ids} moved to {@code inDoubt} before the server
     * went down. Halted at the broker's commit, the transaction log was written and recovery commits the
     * broker's branch: each reaches {@code done} within 60 s of the restart, nothing re-sent (reconciliation
     * re-sends nothing in its first 60 s after the start, its start grace here). Halted before the log, recovery
     * rolls the branch back and the message is lost: reconciliation re-sends it once, and each reaches
     * {@code done} after reconciliation's start grace.
     */
    private void assertInDoubtSettled(Kill kill, long restarted, List<UUID> ids, String inDoubt, String done) {
        if (kill.halt == null) {
            return;
        }
        List<UUID> waiting = ids.stream().filter(id -> {
            JsonObject e = entryOrNull(id);
            return e != null && e.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                    .anyMatch(h -> h.getString("to", "").equals(inDoubt) && Instant.parse(h.getString("at")).isBefore(down));
        }).toList();
        assertFalse(waiting.isEmpty(), "the ledger committed before the halt: some of " + ids + " became " + inDoubt);
        boolean recovered = kill == Kill.AT_BROKER_COMMIT;
        Duration limit = recovered ? IN_DOUBT_CLEARED : RECOVERED;
        for (UUID id : waiting) {
            Duration left = limit.minusNanos(System.nanoTime() - restarted);
            JsonObject entry = Await.until(id + " is " + done + " within " + limit + " of the restart", left,
                    () -> entry(id), e -> e.getString("status").equals(done));
            long resent = entry.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                    .filter(h -> h.getString("reason", "").contains("sent again")).count();
            assertEquals(recovered ? 0 : 1, resent, (recovered ? "recovered, not re-sent" : "re-sent once") + " (down at " + down
                    + ", answering again at " + Instant.now().minusNanos(System.nanoTime() - restarted) + "): " + entry);
        }
        System.out.printf("CrashIT: %d entr%s in doubt after a halt %s, %s %.1f s after the restart (%s)%n",
                waiting.size(), waiting.size() == 1 ? "y" : "ies", kill.halt, done, (System.nanoTime() - restarted) / 1e9,
                recovered ? "recovery" : "reconciliation");
    }

    private static void await(Duration pause) {
        try {
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonObject settled(UUID id, Set<String> statuses, Duration timeout) {
        return Await.until(id + " settles in " + statuses, timeout, () -> entry(id),
                e -> statuses.contains(e.getString("status")));
    }

    /** An HTTP call that the crash may cut: its answer (if any) does not matter. */
    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException cut) {
            // the server died during the call
        }
    }

    private static String account(String name, long balance) throws Exception {
        String id = name + "-" + RUN;
        UUID entry = send("{\"type\":\"account.opened\",\"body\":{\"id\":\"" + id + "\",\"balance\":" + balance
                + "},\"reason\":\"crash test\"}");
        awaitStatus(entry, "PROCESSED", WAIT);
        return id;
    }

    private static String transfer(String from, String to, long amount) {
        return "{\"type\":\"transfer.requested\",\"body\":{\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"amount\":" + amount + "},\"reason\":\"crash test\"}";
    }

    private static String sendRequest(UUID id, String request) {
        return "{\"id\":\"" + id + "\"," + request.substring(1);
    }

    private static UUID send(String request) {
        HttpResponse<String> response = http.post("/messages", "operator", request);
        assertEquals(201, response.statusCode(), response.body());
        return UUID.fromString(Http.object(response).getString("id"));
    }

    private static void freeze(String account, boolean frozen) {
        HttpResponse<String> response = http.send("PUT", Http.ACCOUNTS + "/" + account + "/frozen", "operator",
                "operator-pw", String.valueOf(frozen), null, null);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static long balance(String account) {
        return http.getJson(Http.ACCOUNTS + "/" + account, "viewer").getJsonNumber("balance").longValue();
    }



    private static JsonObject compensation(JsonObject entry) {
        return entry.getJsonArray("attemptLog").stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("kind").equals("COMPENSATION")).findFirst().orElseThrow();
    }

    private static JsonObject entry(UUID id) {
        return http.getJson("/entries/" + id, "viewer");
    }

    private static JsonObject entryOrNull(UUID id) {
        HttpResponse<String> response = http.get("/entries/" + id, "viewer");
        return response.statusCode() == 200 ? Http.object(response) : null;
    }

    private static JsonObject awaitStatus(UUID id, String status, Duration timeout) {
        return Await.until(id + " is " + status, timeout, () -> entryOrNull(id),
                e -> e != null && e.getString("status").equals(status));
    }

    private static long count(JsonObject entry, String list, String field, String value) {
        return entry.getJsonArray(list).stream().map(JsonValue::asJsonObject)
                .filter(o -> value.equals(o.getString(field, null))).count();
    }

}
