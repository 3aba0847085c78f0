package dev.rewind.handling;

import dev.rewind.api.AttemptOutcome;
import dev.rewind.failure.Errors;
import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.message.Envelope;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Records a failed attempt in a transaction of its own. The consumer's transaction rolls back so
 * that the broker redelivers; without this the error, and the fact that the attempt happened,
 * would roll back with it.
 *
 * <p>The consumer's transaction never writes the entry before its handler succeeds, so this
 * transaction does not wait on a row lock held by the one that called it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FailureRecorder {

    @Inject
    Ledger ledger;

    @Inject
    Event<Consumed> consumed;

    /** A compensation attempt failed: the entry shows REVOKE_FAILED and the error. */
    public void recordCompensation(Envelope envelope, Instant startedAt, String node, Throwable error) {
        ledger.findLocked(envelope.id()).ifPresent(entry -> {
            Attempt attempt = entry.startAttempt(envelope.attemptKind(), startedAt, node);
            String description = Errors.describe(error);
            entry.compensationFailed(attempt, Errors.rootOf(error).getClass().getName(), description,
                    Change.system("compensation attempt " + attempt.number() + " failed: " + description), Instant.now());
        });
    }

    /**
     * A handler's failure. Nothing is recorded when the entry no longer awaits its handler: then
     * this delivery lost a race with another delivery of the same message (a duplicate sent
     * twice, or a redelivery), whose handler succeeded; the failure is an effect of that success
     * ("account already exists"), not something that happened to the message.
     */
    public void record(Envelope envelope, Instant startedAt, String node, Throwable error) {
        Instant now = Instant.now();
        LedgerEntry entry = awaitingHandler(envelope, now);
        if (entry == null) {
            return;
        }
        Attempt attempt = entry.startAttempt(envelope.attemptKind(), startedAt, node);
        Throwable root = Errors.rootOf(error);
        String description = Errors.describe(error);
        entry.failed(attempt, AttemptOutcome.FAILED, root.getClass().getName(), description,
                Change.system("attempt " + attempt.number() + " failed: " + description), now);
    }

    /** A message the ledger's database refused: recorded FAILED with the envelope's reason, values it cannot refuse. */
    public void recordRejection(Envelope refused, Instant now, String node) {
        LedgerEntry entry = awaitingHandler(refused, now);
        if (entry == null) {
            return;
        }
        Attempt attempt = entry.startAttempt(refused.attemptKind(), now, node);
        entry.failed(attempt, AttemptOutcome.REJECTED, "rejected", refused.unusable(),
                Change.system("rejected: " + refused.unusable()), now);
        consumed.fire(new Consumed(refused.id(), refused.type(), Consumed.Outcome.REJECTED, 0, refused.rejection()));
    }

    /** The message's entry, locked, created on first sight; null when it no longer awaits its handler. */
    private LedgerEntry awaitingHandler(Envelope envelope, Instant now) {
        LedgerEntry entry = ledger.findLocked(envelope.id()).orElseGet(() -> {
            LedgerEntry created = envelope.newEntry(now);
            ledger.add(created);
            return created;
        });
        return entry.status().awaitsHandling() ? entry : null;
    }
}
