package dev.rewind.revoke;

import dev.rewind.consume.Consumed;
import dev.rewind.consume.DatabaseOutage;
import dev.rewind.consume.Envelope;
import dev.rewind.consume.Errors;
import dev.rewind.consume.FailureRecorder;
import dev.rewind.consume.HandlerRegistry;
import dev.rewind.consume.LedgerFlush;
import dev.rewind.consume.PayloadReader;
import dev.rewind.consume.WaitsForDatabase;
import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs a handler's {@code compensate} for a revoked message, in the compensation consumer's
 * transaction, with the same read-then-versioned-write shape as the consumer: a compensation
 * commits together with REVOKED, and a second copy of the compensating message finds the entry
 * REVOKED and does nothing, so a message is compensated once.
 */
@ApplicationScoped
public class CompensateService {

    private static final Logger LOG = Logger.getLogger(CompensateService.class);
    private static final String NODE = LedgerFlush.NODE;

    @Inject
    Ledger ledger;

    @Inject
    HandlerRegistry handlers;

    @Inject
    PayloadReader payloads;

    @Inject
    FailureRecorder failures;

    @Inject
    Event<Consumed> consumed;

    @Inject
    LedgerFlush writes;

    @WaitsForDatabase
    public void compensate(Message message) throws JMSException {
        Envelope envelope = Envelope.readCompensation(message);
        Optional<LedgerEntry> found = ledger.find(envelope.id());
        if (found.isEmpty() || !found.get().status().awaitsCompensation()) {
            LOG.debugf("Skipping compensation of %s: it is %s", envelope.id(),
                    found.map(e -> e.status().toString()).orElse("unknown"));
            consumed.fire(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.SKIPPED));
            return;
        }
        LedgerEntry entry = found.get();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        try {
            // The ledger's body is authoritative; the message only says which entry to compensate.
            CompensatingHandler<?> handler = (CompensatingHandler<?>) handlers.find(entry.type())
                    .filter(CompensatingHandler.class::isInstance)
                    .orElseThrow(() -> new IllegalStateException("no compensating handler for type '" + entry.type() + "'"));
            Object payload = payloads.read(entry.body(), handler.payloadType());
            run(handler, payload, new MessageContext(entry.id(), entry.type(), entry.destination(),
                    entry.attempts() + 1, envelope.deliveryCount() > 1, Map.of()));
        } catch (Exception e) {
            if (DatabaseOutage.isConnectionLoss(e)) {
                // Not the handler's fault and nothing can be recorded now: roll back, the consumer waits.
                throw new IllegalStateException("the database went away while " + entry.id() + " was compensated", e);
            }
            LOG.warnf("Compensation of %s (%s) failed: %s", entry.id(), entry.type(), Errors.describe(e));
            writes.rollBack();
            try {
                failures.recordCompensation(envelope, started, NODE, e);
            } catch (RuntimeException recordingFailed) {
                LOG.errorf("Could not record the failed compensation of %s: %s", entry.id(),
                        Errors.describe(recordingFailed));
            }
            consumed.fire(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.FAILED));
            return;
        }
        long handlerNanos = System.nanoTime() - startNanos;
        Attempt attempt = entry.startAttempt(envelope.attemptKind(), started, NODE);
        entry.compensated(attempt, Change.system("compensated on attempt " + attempt.number()), Instant.now());
        if (!writes.flushOrRollBack(entry.id())) {
            return;
        }
        consumed.fire(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.COMPENSATED, handlerNanos));
    }

    @SuppressWarnings("unchecked")
    private static <T> void run(CompensatingHandler<T> handler, Object payload, MessageContext context) throws Exception {
        handler.compensate((T) payload, context);
    }
}
