package dev.rewind.consume;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.AttemptOutcome;
import dev.rewind.failure.Errors;
import dev.rewind.handling.Consumed;
import dev.rewind.handling.FailureRecorder;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.handling.HandlerRun;
import dev.rewind.lineage.CausedSends;
import dev.rewind.handling.LedgerFlush;
import dev.rewind.handling.PayloadReader;
import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.message.Envelope;
import dev.rewind.message.Rejection;
import dev.rewind.outage.WaitsForDatabase;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The consume flow (see docs/design.md for its transaction), run in the consumer's container transaction.
 *
 * <p>The entry is read, not locked, before the handler runs, and written only after the handler
 * succeeded. The write checks the entry's version (or inserts it, for a first sight), so a revoke
 * or a duplicate delivery that changed the entry meanwhile makes this transaction roll back: the
 * broker redelivers and the next delivery sees the new state. Not holding the row while the
 * handler runs is also what lets {@link FailureRecorder} write the entry in its own transaction.
 */
@ApplicationScoped
class ConsumeService {

    private static final Logger LOG = Logger.getLogger(ConsumeService.class);
    private static final String NODE = HandlerRun.NODE;

    @Inject
    Ledger ledger;

    @Inject
    HandlerRegistry handlers;

    @Inject
    PayloadReader payloads;

    @Inject
    FailureRecorder failures;

    @Inject
    DeadLetterForwarder deadLetters;

    @Inject
    HandlerRun run;

    @Inject
    CausedSends followUps;

    @WaitsForDatabase
    public void consume(Message message) throws JMSException {
        Envelope envelope = Envelope.read(message);
        Optional<LedgerEntry> known = ledger.find(envelope.id());
        if (known.isPresent() && !known.get().status().awaitsHandling()) {
            LOG.debugf("Skipping %s: it is %s", envelope.id(), known.get().status());
            run.skip(envelope.id(), envelope.type());
            return;
        }

        if (envelope.unusable() != null) {
            reject(message, envelope, known);
            return;
        }
        MessageHandler<?> handler = handlers.find(envelope.type()).orElse(null);
        if (handler == null) {
            reject(message, envelope.rejected(Rejection.NO_HANDLER, "no handler is registered for JMSType '"
                    + envelope.type() + "' (known types: " + handlers.types() + ")"), known);
            return;
        }
        Object payload;
        try {
            payload = payloads.read(envelope.body(), handler.payloadType());
        } catch (PayloadReader.UnreadablePayloadException e) {
            reject(message, envelope.rejected(Rejection.UNREADABLE_PAYLOAD, e.getMessage()), known);
            return;
        }

        int attemptNumber = known.map(LedgerEntry::attempts).orElse(0) + 1;
        Instant started = Instant.now();
        MessageContext context = new MessageContext(envelope.id(), envelope.type(), envelope.destination(),
                attemptNumber, envelope.deliveryCount() > 1, envelope.properties(), followUps.of(envelope.id()));
        long handlerNanos = run.run(envelope.id(), envelope.type(), "handler", attemptNumber,
                () -> handle(handler, payload, context), failure -> failures.record(envelope, started, NODE, failure));
        if (handlerNanos < 0) {
            return;
        }
        if (known.isEmpty() && envelope.attemptKind() == AttemptKind.DELIVERY) {
            // The common case, on the hot path: one row, its attempt and history implied.
            ledger.add(envelope.handledEntry(started, NODE, Instant.now()));
        } else {
            LedgerEntry entry = known.orElseGet(() -> firstSight(envelope, started));
            Attempt attempt = entry.startAttempt(envelope.attemptKind(), started, NODE);
            entry.succeeded(attempt, LedgerEntry.handledOn(attempt.number()), Instant.now());
        }
        if (run.finish(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.HANDLED, handlerNanos))
                == LedgerFlush.Flushed.REFUSED) {
            recordRefusal(envelope);
        }
    }

    /** An unusable message: recorded FAILED with the reason, kept in the DLQ, not retried. */
    private void reject(Message message, Envelope envelope, Optional<LedgerEntry> known) throws JMSException {
        String reason = envelope.unusable();
        LOG.warnf("Rejected %s: %s", envelope.id(), reason);
        Instant now = Instant.now();
        LedgerEntry entry = known.orElseGet(() -> firstSight(envelope, now));
        Attempt attempt = entry.startAttempt(envelope.attemptKind(), now, NODE);
        entry.failed(attempt, AttemptOutcome.REJECTED, "rejected", reason, Change.system("rejected: " + reason), now);
        deadLetters.forward(message, envelope.id(), reason);
        if (run.finish(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.REJECTED, 0, envelope.rejection()))
                == LedgerFlush.Flushed.REFUSED) {
            recordRefusal(envelope);
        }
    }

    /**
     * The database refused a value that the envelope's checks let through. This transaction rolls
     * back (the broker redelivers, and dead-letters the message after its last attempt); the refusal
     * is recorded in a transaction of its own, with only values that cannot be refused, so the
     * ledger shows the message and why.
     */
    private void recordRefusal(Envelope envelope) {
        Envelope refused = envelope.refused(Rejection.DATABASE_REFUSED, "the ledger's database refused a value of"
                + " this message (see the server log); its body and properties are not recorded");
        try {
            failures.recordRejection(refused, Instant.now(), NODE);
        } catch (RuntimeException recordingFailed) {
            LOG.errorf("Could not record the refused message %s: %s; the broker dead-letters it after its last attempt",
                    envelope.id(), Errors.describe(recordingFailed));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void handle(MessageHandler<T> handler, Object payload, MessageContext context) throws Exception {
        handler.handle((T) payload, context);
    }

    /** A message the ledger has not seen: its new PENDING entry, added to the ledger. */
    private LedgerEntry firstSight(Envelope envelope, Instant now) {
        LedgerEntry created = envelope.newEntry(now);
        ledger.add(created);
        return created;
    }
}
