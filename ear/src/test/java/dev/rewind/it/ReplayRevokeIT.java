package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.AttemptView;
import dev.rewind.api.EntryView;
import dev.rewind.api.HistoryView;
import dev.rewind.api.IllegalTransitionException;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.NotCompensableException;
import dev.rewind.api.RefusedException;
import dev.rewind.api.ReplayRefusedException;
import dev.rewind.api.Rewind;
import dev.rewind.api.SendRequest;
import dev.rewind.api.Status;
import dev.rewind.api.UnknownMessageException;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.example.Accounts;
import dev.rewind.handling.Consumed;
import dev.rewind.it.support.AsOperator;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Bank;
import dev.rewind.it.support.ConsumptionProbe;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.TestSupport;
import dev.rewind.query.EntryQueries;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Single replays and revokes through the stateless EJB, as the operator "it-operator". */
@ExtendWith(ArquillianExtension.class)
class ReplayRevokeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(ReplayRevokeIT.class, ConsumptionProbe.class, Await.class, Race.class, Bank.class);
    }

    @Inject
    JMSContext jms;

    @Inject
    Rewind rewind;

    @Inject
    Accounts accounts;

    @Inject
    ConsumptionProbe probe;

    @Inject
    BrokerQueues broker;

    @Inject
    EntryQueries entries;

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
    void aFailedMessageReplayedAfterTheFixIsProcessedWithBothAttemptsInItsHistory() throws Exception {
        String from = bank.account("fix-a", 1_000);
        String to = bank.account("fix-b", 0);
        accounts.setFrozen(from, true);
        UUID id = sendTransfer(from, to, 100);
        bank.awaitEntry(id, e -> e.attempts() == 3);
        Await.until("the message is in the DLQ", WAIT, () -> broker.count("rewind.DLQ", id), n -> n == 1);

        accounts.setFrozen(from, false); // the fix
        EntryView replaying = as(() -> rewind.replay(id, "account unfrozen", null, false));
        assertEquals(Status.REPLAYING, replaying.status());
        assertEquals(0, broker.count("rewind.DLQ", id), "the stale DLQ copy is removed");

        EntryView entry = bank.awaitEntry(id, e -> e.status() == Status.PROCESSED);
        assertEquals(900, bank.balance(from));
        assertEquals(100, bank.balance(to));
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.REDELIVERY, AttemptKind.REDELIVERY, AttemptKind.REPLAY),
                entry.attemptLog().stream().map(AttemptView::kind).toList());
        assertEquals(AttemptOutcome.SUCCEEDED, entry.attemptLog().get(3).outcome());
        assertEquals(List.of(Status.PENDING, Status.FAILED, Status.REPLAYING, Status.PROCESSED),
                entry.history().stream().map(HistoryView::to).toList());
        HistoryView replay = entry.history().get(2);
        assertEquals("it-operator", replay.actor());
        assertEquals("account unfrozen", replay.reason());
        assertEquals(1, entry.replays());
    }

    @Test
    void revokingAScheduledMessageWithdrawsItBeforeAnyHandlerRuns() throws Exception {
        String from = bank.account("sched-a", 1_000);
        String to = bank.account("sched-b", 0);
        UUID id = UUID.randomUUID();
        EntryView sent = as(() -> rewind.send(new SendRequest(id, "transfer.requested",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":250}", Map.of(), 3_000), "undo window"));
        assertEquals(Status.PENDING, sent.status());
        assertEquals(1, broker.count("rewind.inbound", id), "scheduled on the inbound queue");

        EntryView revoked = as(() -> rewind.revoke(id, "sent by mistake"));
        assertEquals(Status.REVOKED, revoked.status());
        assertEquals(0, broker.count("rewind.inbound", id), "gone from the queue");
        assertEquals("withdraw: sent by mistake", revoked.history().get(1).reason());

        Thread.sleep(4_000); // past the delivery delay: had the message stayed, it would have run now
        assertEquals(List.of(), probe.outcomes(id), "never delivered");
        assertEquals(1_000, bank.balance(from));
        assertEquals(0, entry(id).attempts());
    }

    @Test
    void revokingAFailedMessageTakesItOutOfTheDeadLetterQueue() throws Exception {
        String from = bank.account("dlq-a", 1_000);
        String to = bank.account("dlq-b", 0);
        accounts.setFrozen(to, true);
        UUID id = sendTransfer(from, to, 100);
        bank.awaitEntry(id, e -> e.attempts() == 3);
        Await.until("the message is in the DLQ", WAIT, () -> broker.count("rewind.DLQ", id), n -> n == 1);

        EntryView revoked = as(() -> rewind.revoke(id, "customer cancelled"));
        assertEquals(Status.REVOKED, revoked.status());
        assertEquals(0, broker.count("rewind.DLQ", id));
        assertEquals(List.of(Status.PENDING, Status.FAILED, Status.REVOKED),
                revoked.history().stream().map(HistoryView::to).toList());
        assertEquals(1_000, bank.balance(from));
    }

    @Test
    void revokingAProcessedTransferCompensatesItOnce() throws Exception {
        String from = bank.account("comp-a", 1_000);
        String to = bank.account("comp-b", 500);
        UUID id = sendTransfer(from, to, 300);
        bank.awaitEntry(id, e -> e.status() == Status.PROCESSED);
        assertEquals(700, bank.balance(from));

        EntryView revoking = as(() -> rewind.revoke(id, "duplicate order"));
        assertEquals(Status.REVOKING, revoking.status());
        EntryView revoked = bank.awaitEntry(id, e -> e.status() == Status.REVOKED);

        assertEquals(1_000, bank.balance(from), "balances are back to their values before the transfer");
        assertEquals(500, bank.balance(to));
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.COMPENSATION),
                revoked.attemptLog().stream().map(AttemptView::kind).toList());
        assertEquals(List.of(Status.PENDING, Status.PROCESSED, Status.REVOKING, Status.REVOKED),
                revoked.history().stream().map(HistoryView::to).toList());
        assertEquals(List.of(Consumed.Outcome.HANDLED, Consumed.Outcome.COMPENSATED),
                Await.until("both outcomes are observed", WAIT, () -> probe.outcomes(id), o -> o.size() >= 2));
    }

    @Test
    void refusedOperationsChangeNothing() throws Exception {
        String from = bank.account("ref-a", 1_000);
        String to = bank.account("ref-b", 0);
        UUID processed = sendTransfer(from, to, 10);
        EntryView before = bank.awaitEntry(processed, e -> e.status() == Status.PROCESSED);

        ReplayRefusedException noForce = assertThrows(ReplayRefusedException.class,
                () -> as(() -> rewind.replay(processed, "again", null, false)));
        assertTrue(noForce.getMessage().contains("replay it with force"), noForce.getMessage());
        assertEquals(before, entry(processed));

        RefusedException noQueue = assertThrows(RefusedException.class,
                () -> as(() -> rewind.replay(processed, "again", "no.such.queue", true)));
        assertTrue(noQueue.getMessage().contains("there is no queue 'no.such.queue'"), noQueue.getMessage());
        assertEquals(before, entry(processed));

        InvalidRequestException noReason = assertThrows(InvalidRequestException.class,
                () -> as(() -> rewind.revoke(processed, " ")));
        assertTrue(noReason.getMessage().contains("a reason is required"));

        UUID opened = UUID.randomUUID();
        TextMessage opening = jms.createTextMessage("{\"id\":\"ref-c-" + bank.run() + "\",\"balance\":5}");
        opening.setJMSType("account.opened");
        opening.setStringProperty("rewindId", opened.toString());
        jms.createProducer().send(inbound, opening);
        EntryView openedEntry = bank.awaitEntry(opened, e -> e.status() == Status.PROCESSED);
        NotCompensableException cannot = assertThrows(NotCompensableException.class,
                () -> as(() -> rewind.revoke(opened, "undo")));
        assertTrue(cannot.getMessage().contains("(AccountOpenedHandler) does not implement CompensatingHandler"),
                cannot.getMessage());
        assertEquals(openedEntry, entry(opened));

        UUID withdrawn = UUID.randomUUID();
        as(() -> rewind.revoke(withdrawn, "never send this"));
        EntryView tombstone = entry(withdrawn);
        IllegalTransitionException replayRevoked = assertThrows(IllegalTransitionException.class,
                () -> as(() -> rewind.replay(withdrawn, "again", null, true)));
        assertTrue(replayRevoked.getMessage().contains("REVOKED is final"), replayRevoked.getMessage());
        RefusedException twice = assertThrows(RefusedException.class, () -> as(() -> rewind.revoke(withdrawn, "again")));
        assertTrue(twice.getMessage().contains("is already REVOKED"), twice.getMessage());
        assertEquals(tombstone, entry(withdrawn));

        assertThrows(UnknownMessageException.class, () -> as(() -> rewind.replay(UUID.randomUUID(), "x", null, false)));
        assertThrows(jakarta.ejb.EJBAccessException.class, () -> rewind.revoke(processed, "not an operator"));
        assertEquals(before, entry(processed));
    }

    @Test
    void aMessageRevokedBeforeItArrivesIsSkippedWhenItDoes() throws Exception {
        String from = bank.account("tomb-a", 1_000);
        String to = bank.account("tomb-b", 0);
        UUID id = UUID.randomUUID();
        as(() -> rewind.revoke(id, "cancelled upstream"));
        TextMessage message = bank.transfer(from, to, 100);
        message.setStringProperty("rewindId", id.toString());
        jms.createProducer().send(inbound, message);

        Await.until("the late message is consumed", WAIT, () -> probe.outcomes(id), o -> !o.isEmpty());
        assertEquals(List.of(Consumed.Outcome.SKIPPED), probe.outcomes(id));
        assertEquals(1_000, bank.balance(from));
        assertEquals(Status.REVOKED, entry(id).status());
    }

    @Test
    void revokesRacingTheConsumerEndWithdrawnOrCompensatedAndTheBalancesAgree() throws Exception {
        new Race(jms, inbound, rewind, operator, accounts, probe, entries, support, bank).run(1_000, 10);
    }

    // --- helpers -------------------------------------------------------------------------------

    private <T> T as(Callable<T> work) throws Exception {
        return operator.call(work);
    }

    private UUID sendTransfer(String from, String to, long amount) throws JMSException {
        UUID id = UUID.randomUUID();
        TextMessage message = bank.transfer(from, to, amount);
        message.setStringProperty("rewindId", id.toString());
        jms.createProducer().send(inbound, message);
        return id;
    }

    private EntryView entry(UUID id) {
        return entries.find(id).orElseThrow(() -> new AssertionError("no entry " + id));
    }

}
