package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptView;
import dev.rewind.api.EntryView;
import dev.rewind.api.HistoryView;
import dev.rewind.api.RefusedException;
import dev.rewind.api.Rewind;
import dev.rewind.api.RewindQueues;
import dev.rewind.api.Status;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.example.Accounts;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Bank;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.TestSupport;
import dev.rewind.query.EntryQueries;
import dev.rewind.reconcile.Reconciliation;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a crash at commit can leave behind, made on purpose (the ledger committed, the broker never got the
 * message; a dead-letter copy whose post-commit removal never ran), and its repair: by reconciliation, and by
 * an operator revoking or replaying again. Each repair runs the handler or the compensation exactly once.
 * The periodic pass may repair an entry before the test's own pass does: the assertions are on the outcome.
 */
@ExtendWith(ArquillianExtension.class)
class ReconcileIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(ReconcileIT.class, Await.class, Bank.class);
    }

    @Inject
    JMSContext jms;

    @Inject
    Rewind rewind;

    @Inject
    Accounts accounts;

    @Inject
    BrokerQueues broker;

    @Inject
    EntryQueries entries;

    @EJB
    Reconciliation reconciliation;

    @EJB
    TestSupport support;

    @EJB
    AsOperator operator;

    private Queue inbound;
    private Bank bank;

    @BeforeEach
    void lookUpQueues() throws NamingException {
        bank = new Bank(jms, accounts, entries);
        inbound = InitialContext.doLookup("java:/jms/queue/rewind.inbound");
    }

    @Test
    void aLostCompensationIsSentAgainAndRunsOnce() throws Exception {
        String from = bank.account("lostcomp-a", 1_000);
        String to = bank.account("lostcomp-b", 0);
        UUID id = processedTransfer(from, to, 400);
        support.loseCompensation(id);

        EntryView revoked = repairUntil(id, Status.REVOKED);

        assertEquals(1_000, bank.balance(from), "compensated once");
        assertEquals(0, bank.balance(to));
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.COMPENSATION), kinds(revoked));
        assertEquals(1, resends(revoked), "sent again once");
        HistoryView resent = revoked.history().stream().filter(h -> h.reason().contains("sent again")).findFirst().orElseThrow();
        assertEquals("system", resent.actor());
        assertEquals(Status.REVOKING, resent.to());
        assertTrue(resent.reason().startsWith("compensation sent again (it was neither in rewind.compensation nor"
                + " consumed): overdue by more than"), resent.reason());
    }

    /**
     * Replays parked in a queue nobody drains stay overdue for good; more of them than one pass checks (200), and
     * older, must not keep a lost compensation behind them from being sent again (ClusterIT met it after its bulk
     * replays to the parking queue: a compensation lost at a kill stayed REVOKING).
     */
    @Test
    void aLostCompensationBehindHundredsOfReplaysParkedInALongQueueIsSentAgain() throws Exception {
        String from = bank.account("behind-a", 1_000);
        String to = bank.account("behind-b", 0);
        List<UUID> parked = support.seedFailed(250, "parked ahead", from, to);
        support.parkReplays(parked, BulkIT.PARKING, Instant.now().minus(Duration.ofHours(2)));
        Queue parking = jms.createQueue(BulkIT.PARKING);
        for (UUID id : parked) {
            TextMessage copy = bank.transfer(from, to, 1);
            copy.setStringProperty("rewindId", id.toString());
            jms.createProducer().send(parking, copy);
        }
        UUID id = processedTransfer(from, to, 300);
        support.loseCompensation(id); // due an hour ago: after every parked replay

        EntryView revoked = repairUntil(id, Status.REVOKED);

        assertEquals(1_000, bank.balance(from), "compensated once");
        assertEquals(1, resends(revoked));
        for (UUID replay : parked) {
            EntryView waiting = entries.find(replay).orElseThrow();
            assertEquals(Status.REPLAYING, waiting.status());
            assertEquals(0, resends(waiting), "a replay in a queue too long to search is not sent again");
        }
        for (UUID replay : parked) {
            as(() -> rewind.revoke(replay, "clean up"));
        }
        broker.remove(BulkIT.PARKING, parked);
    }

    @Test
    void anOperatorRevokingAStuckEntryAgainSendsItsCompensationOnce() throws Exception {
        String from = bank.account("stuck-a", 1_000);
        String to = bank.account("stuck-b", 0);
        UUID id = processedTransfer(from, to, 250);
        support.loseCompensation(id);

        EntryView again = as(() -> rewind.revoke(id, "compensation lost in the crash"));
        assertEquals(Status.REVOKING, again.status());

        EntryView revoked = bank.awaitEntry(id, e -> e.status() == Status.REVOKED);
        assertEquals(1_000, bank.balance(from));
        assertEquals(0, bank.balance(to));
        assertEquals(1, resends(revoked));
        assertTrue(revoked.history().stream().anyMatch(h -> h.actor().equals("it-operator")
                && h.reason().equals("compensation sent again (it was neither in rewind.compensation nor consumed):"
                + " compensation lost in the crash")), () -> revoked.history().toString());

        RefusedException done = assertThrows(RefusedException.class, () -> as(() -> rewind.revoke(id, "once more")));
        assertTrue(done.getMessage().contains("already REVOKED"), done.getMessage());
    }

    @Test
    void replayingAReplayThatWaitsInItsQueueIsRefusedAndALostOneIsSentAgain() throws Exception {
        String from = bank.account("park-a", 1_000);
        String to = bank.account("park-b", 0);
        UUID id = support.seedFailed(1, "parked", from, to).get(0);
        support.purge(BulkIT.PARKING); // other tests park thousands there; a long queue is not searched
        as(() -> rewind.replay(id, "to the parking queue", BulkIT.PARKING, false));
        assertEquals(1, broker.count(BulkIT.PARKING, id));

        RefusedException waiting = assertThrows(RefusedException.class,
                () -> as(() -> rewind.replay(id, "again", null, false)));
        assertTrue(waiting.getMessage().contains("is waiting in queue " + BulkIT.PARKING), waiting.getMessage());
        assertEquals(1, broker.count(BulkIT.PARKING, id), "nothing sent");

        broker.remove(BulkIT.PARKING, id); // lost
        EntryView again = as(() -> rewind.replay(id, "lost", null, false));
        assertEquals(Status.REPLAYING, again.status());
        Await.until("sent again where it went the first time: " + again.history(), Duration.ofSeconds(10),
                () -> broker.count(BulkIT.PARKING, id), n -> n == 1);
        assertEquals(1, again.replays(), "a second copy is not another replay");

        as(() -> rewind.revoke(id, "clean up"));
        broker.remove(BulkIT.PARKING, id);
    }

    @Test
    void aLostReplayIsSentAgainAndProcessedOnce() throws Exception {
        String from = bank.account("lostreplay-a", 1_000);
        String to = bank.account("lostreplay-b", 0);
        UUID id = support.seedFailed(1, "lost replay", from, to).get(0);
        support.loseReplay(id);

        EntryView processed = repairUntil(id, Status.PROCESSED);

        assertEquals(999, bank.balance(from), "the seeded transfer of 1 ran once");
        assertEquals(1, bank.balance(to));
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.REPLAY), kinds(processed));
        assertEquals(1, resends(processed));
    }

    @Test
    void aLostSendIsSentAgainAndHandledOnce() throws Exception {
        String from = bank.account("lostsend-a", 1_000);
        String to = bank.account("lostsend-b", 0);
        UUID id = support.loseSend("transfer.requested", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":30}");

        EntryView processed = repairUntil(id, Status.PROCESSED);

        assertEquals(970, bank.balance(from));
        assertEquals(30, bank.balance(to));
        assertEquals(1, processed.attempts());
        assertEquals(1, resends(processed));
    }

    @Test
    void staleDeadLetterCopiesOfFinishedEntriesAreRemovedAndOthersKept() throws Exception {
        String from = bank.account("stale-a", 1_000);
        String to = bank.account("stale-b", 0);
        UUID processed = processedTransfer(from, to, 10);
        UUID failed = support.seedFailed(1, "still needed", from, to).get(0);
        Queue deadLetters = InitialContext.doLookup("java:/jms/queue/" + RewindQueues.DEAD_LETTER);
        for (UUID id : List.of(processed, failed)) {
            TextMessage copy = bank.transfer(from, to, 10);
            copy.setStringProperty("rewindId", id.toString());
            jms.createProducer().send(deadLetters, copy);
        }

        Await.until("the stale copy is removed", WAIT, () -> {
            reconciliation.run();
            return broker.count(RewindQueues.DEAD_LETTER, processed);
        }, n -> n == 0);

        assertEquals(1, broker.count(RewindQueues.DEAD_LETTER, failed), "a FAILED entry's copy is what a replay needs");
        EntryView entry = entries.find(processed).orElseThrow();
        assertEquals(Status.PROCESSED, entry.status());
        assertTrue(entry.history().stream().anyMatch(h -> h.actor().equals("system")
                && h.reason().equals("reconcile: removed a stale copy from rewind.DLQ (the entry is PROCESSED)")),
                () -> entry.history().toString());
        as(() -> rewind.revoke(failed, "clean up")); // a withdraw also removes its copy
        assertEquals(0, broker.count(RewindQueues.DEAD_LETTER, failed));
    }

    @Test
    void aDeadLetteredMessageTheLedgerNeverSawGoesBackToTheInboundQueueAndRunsOnce() throws Exception {
        String from = bank.account("redrive-a", 1_000);
        String to = bank.account("redrive-b", 0);
        Queue deadLetters = InitialContext.doLookup("java:/jms/queue/" + RewindQueues.DEAD_LETTER);
        // As the broker leaves a message whose delivery attempts crashes and rollbacks used up before any reached Rewind.
        UUID unseen = UUID.randomUUID();
        TextMessage copy = bank.transfer(from, to, 25);
        copy.setStringProperty("rewindId", unseen.toString());
        jms.createProducer().send(deadLetters, copy);
        // One Rewind cannot use (no type): the consumer would only reject it, so it stays where it is.
        UUID unusable = UUID.randomUUID();
        TextMessage untyped = jms.createTextMessage("{}");
        untyped.setStringProperty("rewindId", unusable.toString());
        jms.createProducer().send(deadLetters, untyped);

        assertEquals(0, reconciliation.redriveUnrecorded(Duration.ofMinutes(5)), "younger than the grace: left alone");
        assertTrue(entries.find(unseen).isEmpty());
        Await.until("the message goes back with an entry", WAIT, () -> {
            reconciliation.redriveUnrecorded(Duration.ZERO);
            return entries.find(unseen).isPresent();
        }, known -> known);

        EntryView processed = bank.awaitEntry(unseen, e -> e.status() == Status.PROCESSED);
        assertEquals(975, bank.balance(from), "handled once");
        assertEquals(25, bank.balance(to));
        assertEquals(1, processed.attempts());
        assertTrue(processed.history().stream().anyMatch(h -> h.actor().equals("system")
                && h.reason().startsWith("reconcile: sent again to rewind.inbound from rewind.DLQ")), () -> processed.history().toString());
        assertEquals(0, broker.count(RewindQueues.DEAD_LETTER, unseen), "its copy left the DLQ");
        reconciliation.redriveUnrecorded(Duration.ZERO); // the ledger knows it now: not sent again
        assertEquals(975, bank.balance(from));
        assertEquals(1, bank.awaitEntry(unseen, e -> true).attempts());
        assertEquals(1, broker.count(RewindQueues.DEAD_LETTER, unusable), "an unusable message is not sent back");
        assertTrue(entries.find(unusable).isEmpty());
        broker.remove(RewindQueues.DEAD_LETTER, unusable);
    }

    private UUID processedTransfer(String from, String to, long amount) throws JMSException {
        UUID id = UUID.randomUUID();
        TextMessage message = bank.transfer(from, to, amount);
        message.setStringProperty("rewindId", id.toString());
        jms.createProducer().send(inbound, message);
        bank.awaitEntry(id, e -> e.status() == Status.PROCESSED);
        return id;
    }

    /** Runs reconciliation passes until the entry reaches the status (the periodic pass may do it first). */
    private EntryView repairUntil(UUID id, Status status) {
        return Await.until("entry " + id + " is repaired to " + status, WAIT, () -> {
            reconciliation.run();
            return entries.find(id).orElseThrow();
        }, e -> e.status() == status);
    }

    private static List<AttemptKind> kinds(EntryView entry) {
        return entry.attemptLog().stream().map(AttemptView::kind).toList();
    }

    private static long resends(EntryView entry) {
        return entry.history().stream().filter(h -> h.reason().contains("sent again")).count();
    }

    private <T> T as(Callable<T> work) throws Exception {
        return operator.call(work);
    }
}
