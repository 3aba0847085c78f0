package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.api.AttemptView;
import dev.rewind.api.EntryView;
import dev.rewind.api.HistoryView;
import dev.rewind.api.Status;
import dev.rewind.counts.EntryCounts;
import dev.rewind.example.Accounts;
import dev.rewind.handling.Consumed;
import dev.rewind.it.support.Await;
import dev.rewind.it.support.Bank;
import dev.rewind.it.support.ConsumptionProbe;
import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.InboundDelivery;
import dev.rewind.it.support.TestSupport;
import dev.rewind.message.MessageIds;
import dev.rewind.query.EntryQueries;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "Consume" flow on a real WildFly with its Artemis broker and the H2 ledger: messages go
 * through the inbound queue and the MDB, and the test reads the ledger, the accounts and the DLQ.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWithTests(ConsumeIT.class, ConsumptionProbe.class, Await.class, Bank.class,
                InboundDelivery.class);
    }

    @Inject
    JMSContext jms;

    @Inject
    EntryQueries entries;

    @Inject
    Accounts accounts;

    @Inject
    ConsumptionProbe probe;

    @Inject
    EntryCounts counts;

    @Inject
    TestSupport support;

    private Queue inbound;
    private Queue deadLetters;
    private Bank bank;

    @BeforeEach
    void lookUpQueues() throws NamingException {
        bank = new Bank(jms, accounts, entries);
        inbound = InitialContext.doLookup("java:/jms/queue/rewind.inbound");
        deadLetters = InitialContext.doLookup("java:/jms/queue/rewind.DLQ");
    }

    @Test
    void aMessageIsHandledOnceAndItsEntryIsProcessedWithHistoryAndAttempt() throws JMSException {
        String from = bank.account("a", 10_000);
        String to = bank.account("b", 0);
        UUID id = UUID.randomUUID();
        TextMessage message = bank.transfer(from, to, 2_500);
        message.setStringProperty("rewindId", id.toString());
        message.setStringProperty("tenant", "acme");
        jms.createProducer().send(inbound, message);

        EntryView entry = bank.awaitEntry(id, e -> e.status() == Status.PROCESSED);

        assertEquals(7_500, bank.balance(from));
        assertEquals(2_500, bank.balance(to));
        assertEquals("transfer.requested", entry.type());
        assertEquals("rewind.inbound", entry.destination());
        assertEquals(1, entry.attempts());
        assertNotNull(entry.processedAt());
        assertTrue(entry.body().contains("\"amount\":2500"), entry.body());
        assertEquals(java.util.Map.of("tenant", "acme"), entry.properties());
        AttemptView attempt = entry.attemptLog().get(0);
        assertEquals(AttemptKind.DELIVERY, attempt.kind());
        assertEquals(AttemptOutcome.SUCCEEDED, attempt.outcome());
        assertEquals(List.of(Status.PENDING, Status.PROCESSED), entry.history().stream().map(HistoryView::to).toList());
        assertTrue(entry.history().stream().allMatch(h -> "system".equals(h.actor())));
        assertEquals(List.of(Consumed.Outcome.HANDLED), observed(id, 1));
    }

    @Test
    void aFailingHandlerIsRedeliveredThenFailedWithItsErrorAndDeadLettered() throws JMSException {
        String from = bank.account("frozen", 10_000);
        String to = bank.account("c", 0);
        accounts.setFrozen(from, true);
        UUID id = UUID.randomUUID();
        TextMessage message = bank.transfer(from, to, 100);
        message.setStringProperty("rewindId", id.toString());
        jms.createProducer().send(inbound, message);

        EntryView entry = bank.awaitEntry(id, e -> e.attempts() == 3);
        Await.until("the message is in the DLQ", WAIT, () -> inDeadLetters(id), Optional::isPresent);

        entry = entries.find(id).orElseThrow();
        assertEquals(Status.FAILED, entry.status());
        assertEquals(3, entry.attempts(), "max-delivery-attempts is 3");
        assertEquals("dev.rewind.example.TransferRefusedException", entry.errorClass());
        assertTrue(entry.lastError().contains("account '" + from + "' is frozen"), entry.lastError());
        assertEquals(List.of(AttemptKind.DELIVERY, AttemptKind.REDELIVERY, AttemptKind.REDELIVERY),
                entry.attemptLog().stream().map(AttemptView::kind).toList());
        assertTrue(entry.attemptLog().stream().allMatch(a -> a.outcome() == AttemptOutcome.FAILED));
        assertEquals(List.of(Status.PENDING, Status.FAILED), entry.history().stream().map(HistoryView::to).toList());
        assertEquals(10_000, bank.balance(from), "the failed transfer's debit rolled back");
        assertEquals(0, bank.balance(to));
    }

    @Test
    void aDuplicateDeliveryOfAProcessedMessageDoesNotRunTheHandlerAgain() throws JMSException {
        String from = bank.account("d", 1_000);
        String to = bank.account("e", 0);
        UUID id = UUID.randomUUID();
        for (int copy = 0; copy < 2; copy++) {
            TextMessage message = bank.transfer(from, to, 300);
            message.setStringProperty("rewindId", id.toString());
            jms.createProducer().send(inbound, message);
            if (copy == 0) {
                bank.awaitEntry(id, e -> e.status() == Status.PROCESSED);
            }
        }

        Await.until("the duplicate was consumed", WAIT, () -> probe.outcomes(id), o -> o.size() == 2);
        assertEquals(List.of(Consumed.Outcome.HANDLED, Consumed.Outcome.SKIPPED), probe.outcomes(id));
        assertEquals(700, bank.balance(from), "moved once");
        assertEquals(300, bank.balance(to));
        EntryView entry = entries.find(id).orElseThrow();
        assertEquals(1, entry.attempts());
        assertEquals(Status.PROCESSED, entry.status());
    }

    @Test
    void aMessageWithoutTypeIsRejected() throws JMSException {
        TextMessage message = jms.createTextMessage("{\"from\":\"x\",\"to\":\"y\",\"amount\":1}");
        assertRejected(message, "the message has no JMSType");
    }

    @Test
    void aMessageOfAnUnknownTypeIsRejected() throws JMSException {
        TextMessage message = jms.createTextMessage("{}");
        message.setJMSType("nothing.handles.this");
        assertRejected(message, "no handler is registered for JMSType 'nothing.handles.this' (known types: [account.opened, fee.charged, notification.requested, transfer.requested])");
    }

    @Test
    void aBytesMessageIsRejectedAndKeptWhole() throws JMSException {
        BytesMessage message = jms.createBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4});
        message.setJMSType("transfer.requested");
        UUID id = assertRejected(message, "unreadable body: a BytesMessage is not a TextMessage");
        Message copy = inDeadLetters(id).orElseThrow();
        assertEquals(4, ((BytesMessage) copy).getBodyLength(), "the dead-lettered copy keeps the body");
    }

    @Test
    void malformedJsonIsRejected() throws JMSException {
        TextMessage message = jms.createTextMessage("{\"from\":\"x\",");
        message.setJMSType("transfer.requested");
        assertRejected(message, "the body is not JSON of the shape TransferRequest");
    }

    @Test
    void anInvalidPayloadIsRejectedWithEveryViolation() throws JMSException {
        TextMessage message = jms.createTextMessage("{\"from\":\"x\",\"to\":\"x\",\"amount\":-5}");
        message.setJMSType("transfer.requested");
        assertRejected(message, "the TransferRequest is invalid: amount must be greater than 0; distinctAccounts must name two different accounts");
    }

    @Test
    void aRewindIdThatIsNotAUuidIsRejectedUnderTheDerivedId() throws JMSException {
        TextMessage message = bank.transfer("x", "y", 1);
        message.setStringProperty("rewindId", "order-42");
        assertRejected(message, "the rewindId property 'order-42' is not a UUID");
    }

    @Test
    void aThousandMessagesSentAtOnceAreAllProcessedExactlyOnce() throws Exception {
        InboundDelivery.stop();
        Bank.Load load;
        try {
            load = bank.sendRandomTransfers(inbound, "load", 1_000, 42);
        } finally {
            InboundDelivery.start();
        }
        List<UUID> messages = load.ids();
        List<String> ids = load.accounts();
        Map<String, Long> expected = load.expected();

        // While they are consumed, the counts the database keeps agree with a recount of the ledger at every look.
        int looks = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (probe.countWithOutcome(messages, Consumed.Outcome.HANDLED) < 1_000 && System.nanoTime() < deadline) {
            assertEquals(List.of(), counts.mismatches(), "counts while consuming, look " + ++looks);
        }
        Await.until("all 1,000 messages are handled", Duration.ofSeconds(1),
                () -> probe.countWithOutcome(messages, Consumed.Outcome.HANDLED), n -> n == 1_000);
        assertEquals(List.of(), counts.mismatches(), "counts after consuming");
        assertTrue(looks > 0, "the counts were compared while messages were consumed");

        for (UUID id : messages) {
            EntryView entry = entries.find(id).orElseThrow();
            assertEquals(Status.PROCESSED, entry.status(), id.toString());
            assertEquals(1, entry.attempts(), "handled exactly once: " + id);
            assertEquals(List.of(Consumed.Outcome.HANDLED), probe.outcomes(id));
        }
        for (String id : ids) {
            assertEquals(expected.get(id), bank.balance(id), "balance of " + id);
        }
        assertEquals(Bank.LOAD_OPENING * ids.size(), ids.stream().mapToLong(bank::balance).sum(), "money is conserved");
    }

    @Test
    void countsOfEndedConnectionsAreFoldedWithoutChangingAnyCount() {
        assertFalse(counts.stats().byType().containsKey("fold.test"));
        support.seedEndedStripe(-7, "transfer.requested", "PROCESSED", 5);
        support.seedEndedStripe(-8, "fold.test", "FAILED", 2);
        assertEquals(List.of(), counts.mismatches(), "a stripe and its balance in stripe 0 change no sum");
        assertFalse(counts.stats().byType().containsKey("fold.test"));

        counts.fold();

        assertEquals(0, support.countRows(-7), "the ended stripe is folded into stripe 0");
        assertEquals(0, support.countRows(-8));
        assertEquals(List.of(), counts.mismatches());
        assertFalse(counts.stats().byType().containsKey("fold.test"));
    }

    // --- helpers -------------------------------------------------------------------------------

    private UUID assertRejected(Message message, String reason) throws JMSException {
        jms.createProducer().send(inbound, message);
        String rewindId = message.getStringProperty("rewindId");
        UUID id = MessageIds.parse(rewindId);
        if (id == null) {
            id = MessageIds.fromJmsMessageId(message.getJMSMessageID());
        }
        UUID entryId = id;
        EntryView entry = bank.awaitEntry(id, e -> e.status() == Status.FAILED);
        assertTrue(entry.lastError().startsWith(reason), "expected '" + reason + "' but was '" + entry.lastError() + "'");
        assertEquals("rejected", entry.errorClass());
        assertEquals(1, entry.attempts(), "an unusable message is not retried");
        assertEquals(AttemptOutcome.REJECTED, entry.attemptLog().get(0).outcome());
        Message copy = Await.until("a copy is in the DLQ", WAIT, () -> inDeadLetters(entryId), Optional::isPresent).orElseThrow();
        assertTrue(copy.getStringProperty("rewindRejectReason").startsWith(reason));
        assertEquals(List.of(Consumed.Outcome.REJECTED), observed(id, 1));
        return id;
    }

    /** The outcomes once {@code count} are observed: observers run just after the commit the test already saw. */
    private List<Consumed.Outcome> observed(UUID id, int count) {
        return Await.until(count + " outcome(s) of " + id, WAIT, () -> probe.outcomes(id), o -> o.size() >= count);
    }

    private Optional<Message> inDeadLetters(UUID id) {
        try (QueueBrowser browser = jms.createBrowser(deadLetters, "rewindId = '" + id + "'")) {
            var found = browser.getEnumeration();
            return found.hasMoreElements() ? Optional.of((Message) found.nextElement()) : Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

}
