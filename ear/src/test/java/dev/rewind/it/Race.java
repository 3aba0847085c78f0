package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.EntryView;
import dev.rewind.api.HistoryView;
import dev.rewind.api.Rewind;
import dev.rewind.api.Status;
import dev.rewind.example.Accounts;
import dev.rewind.handling.Consumed;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Bank;
import dev.rewind.it.support.ConsumptionProbe;
import dev.rewind.it.support.TestSupport;
import dev.rewind.query.EntryQueries;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import org.jboss.logging.Logger;

/**
 * Sends transfers and revokes every other one while the consumer is handling them, then checks
 * that each revoked message was either withdrawn and never handled, or handled and compensated
 * once, and that the balances are what the surviving transfers say.
 */
final class Race {

    private static final Logger LOG = Logger.getLogger(Race.class);

    private final JMSContext jms;
    private final Queue inbound;
    private final Rewind rewind;
    private final AsOperator operator;
    private final Accounts accounts;
    private final ConsumptionProbe probe;
    private final EntryQueries entries;
    private final TestSupport support;
    private final Bank bank;
    private final String run;

    Race(JMSContext jms, Queue inbound, Rewind rewind, AsOperator operator, Accounts accounts, ConsumptionProbe probe,
         EntryQueries entries, TestSupport support, Bank bank) {
        this.jms = jms;
        this.inbound = inbound;
        this.rewind = rewind;
        this.operator = operator;
        this.accounts = accounts;
        this.probe = probe;
        this.entries = entries;
        this.support = support;
        this.bank = bank;
        this.run = bank.run();
    }

    void run(int messages, int accountCount) throws Exception {
        long opening = 1_000_000;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            names.add("race" + i + "-" + run);
            accounts.open(names.get(i), opening);
        }
        ManagedScheduledExecutorService executor = InitialContext.doLookup("java:jboss/ee/concurrency/scheduler/default");
        Random random = new Random(7);
        List<UUID> ids = new ArrayList<>();
        Map<UUID, long[]> transfers = new HashMap<>();
        List<UUID> revoked = new ArrayList<>();
        Set<UUID> revokedFirst = new HashSet<>();
        List<Future<?>> revokes = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            int a = random.nextInt(accountCount);
            int b = (a + 1 + random.nextInt(accountCount - 1)) % accountCount;
            long amount = 1 + random.nextInt(100);
            UUID id = UUID.randomUUID();
            ids.add(id);
            transfers.put(id, new long[] {a, b, amount});
            TextMessage message = bank.transfer(names.get(a), names.get(b), amount);
            message.setStringProperty("rewindId", id.toString());
            // Some revokes are fired before their message is even sent: those leave tombstones.
            boolean revokeFirst = i % 10 == 0;
            if (i % 2 == 0) {
                revoked.add(id);
                // The others wait a little, so some meet their message before and some after it ran.
                long delay = revokeFirst ? 0 : random.nextInt(300);
                Future<?> revoke = executor.schedule(() -> operator.call(() -> rewind.revoke(id, "race " + run)),
                        delay, TimeUnit.MILLISECONDS);
                if (revokeFirst) {
                    revoke.get();
                    revokedFirst.add(id);
                }
                revokes.add(revoke);
            }
            jms.createProducer().send(inbound, message);
        }
        for (Future<?> revoke : revokes) {
            revoke.get(); // a revoke that failed fails the test here
        }

        int survivors = messages - revoked.size();
        Await.until("every message is PROCESSED or REVOKED", Duration.ofMinutes(4), () -> support.stats(ids),
                s -> s.getOrDefault("PROCESSED", 0L) == survivors && s.getOrDefault("REVOKED", 0L) == revoked.size());

        int withdrawn = 0;
        Set<UUID> tombstones = new HashSet<>();
        int compensated = 0;
        for (UUID id : revoked) {
            EntryView entry = entries.find(id).orElseThrow();
            List<Status> path = entry.history().stream().map(HistoryView::to).toList();
            long handled = entry.attemptLog().stream().filter(a -> a.outcome() == AttemptOutcome.SUCCEEDED
                    && a.kind() != AttemptKind.COMPENSATION).count();
            long compensations = entry.attemptLog().stream().filter(a -> a.outcome() == AttemptOutcome.SUCCEEDED
                    && a.kind() == AttemptKind.COMPENSATION).count();
            List<Consumed.Outcome> outcomes = probe.outcomes(id);
            if (path.equals(List.of(Status.PENDING, Status.REVOKED))) {
                withdrawn++;
                if (entry.history().get(0).reason().equals("revoked before it arrived")) {
                    tombstones.add(id);
                }
                assertEquals(0, handled, "withdrawn, so never handled: " + id);
                assertTrue(!outcomes.contains(Consumed.Outcome.HANDLED), "withdrawn but handled: " + id + " " + outcomes);
            } else {
                compensated++;
                assertEquals(List.of(Status.PENDING, Status.PROCESSED, Status.REVOKING, Status.REVOKED), path, id.toString());
                assertEquals(1, handled, "handled once: " + id);
                assertEquals(1, compensations, "compensated once: " + id);
                assertEquals(1, outcomes.stream().filter(o -> o == Consumed.Outcome.HANDLED).count(), id + " " + outcomes);
                assertEquals(1, outcomes.stream().filter(o -> o == Consumed.Outcome.COMPENSATED).count(), id + " " + outcomes);
            }
        }
        LOG.infof("Race: %d revoked, %d withdrawn before they ran (%d of them tombstones), %d compensated after",
                revoked.size(), withdrawn, tombstones.size(), compensated);
        // A revoke sent before its message leaves a tombstone; so may one that beat the consumer to it.
        assertTrue(tombstones.containsAll(revokedFirst), "every revoke of a message not yet sent left a tombstone: "
                + revokedFirst.stream().filter(id -> !tombstones.contains(id)).toList());
        assertTrue(withdrawn > 0 && compensated > 0, "both sides of the race were exercised");
        assertEquals(List.of(), support.countMismatches(), "the counts agree with the ledger after the race");

        Map<String, Long> expected = new HashMap<>();
        names.forEach(n -> expected.put(n, opening));
        for (UUID id : ids) {
            if (!revoked.contains(id)) {
                long[] t = transfers.get(id);
                expected.merge(names.get((int) t[0]), -t[2], Long::sum);
                expected.merge(names.get((int) t[1]), t[2], Long::sum);
            }
        }
        for (String name : names) {
            assertEquals(expected.get(name), accounts.find(name).orElseThrow().balance(), "balance of " + name);
        }
    }
}
