package dev.rewind.revoke;

import dev.rewind.handling.Consumed;
import dev.rewind.handling.FailureRecorder;
import dev.rewind.handling.HandlerRegistry;
import dev.rewind.handling.HandlerRun;
import dev.rewind.handling.LedgerFlush;
import dev.rewind.handling.PayloadReader;
import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.message.Envelope;
import dev.rewind.outage.WaitsForDatabase;
import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import jakarta.enterprise.context.ApplicationScoped;
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
class CompensateService {

    private static final Logger LOG = Logger.getLogger(CompensateService.class);
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
    HandlerRun run;

    @Inject
    HeldCompensations held;

    @WaitsForDatabase
    public void compensate(Message message) throws JMSException {
        Envelope envelope = Envelope.readCompensation(message);
        Optional<LedgerEntry> found = ledger.find(envelope.id());
        if (found.isEmpty() || !found.get().status().awaitsCompensation() || found.get().compensationHeld()) {
            LOG.debugf("Skipping compensation of %s: it is %s", envelope.id(),
                    found.map(e -> e.status().toString()).orElse("unknown"));
            run.skip(envelope.id(), envelope.type());
            return;
        }
        LedgerEntry entry = found.get();
        Instant started = Instant.now();
        int attemptNumber = entry.attempts() + 1;
        long handlerNanos = run.run(entry.id(), entry.type(), "compensation", attemptNumber, () -> {
            // The ledger's body is authoritative; the message only says which entry to compensate.
            CompensatingHandler<?> handler = (CompensatingHandler<?>) handlers.find(entry.type())
                    .filter(CompensatingHandler.class::isInstance)
                    .orElseThrow(() -> new IllegalStateException("no compensating handler for type '" + entry.type() + "'"));
            Object payload = payloads.read(entry.body(), handler.payloadType());
            compensate(handler, payload, new MessageContext(entry.id(), entry.type(), entry.destination(),
                    attemptNumber, envelope.deliveryCount() > 1, Map.of()));
        }, failure -> failures.recordCompensation(envelope, started, NODE, failure));
        if (handlerNanos < 0) {
            return;
        }
        Attempt attempt = entry.startAttempt(envelope.attemptKind(), started, NODE);
        entry.compensated(attempt, Change.system("compensated on attempt " + attempt.number()), Instant.now());
        if (run.finish(new Consumed(envelope.id(), envelope.type(), Consumed.Outcome.COMPENSATED, handlerNanos))
                == LedgerFlush.Flushed.WRITTEN && entry.causedBy() != null) {
            // After the flush, so a conflict on this entry stays a quiet rollback; a cascade may wait for it.
            held.childRevoked(entry.causedBy());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void compensate(CompensatingHandler<T> handler, Object payload, MessageContext context) throws Exception {
        handler.compensate((T) payload, context);
    }
}
