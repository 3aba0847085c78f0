package dev.rewind.consume;

import dev.rewind.ledger.Attempt;
import dev.rewind.ledger.AttemptOutcome;
import dev.rewind.ledger.Change;
import dev.rewind.ledger.Ledger;
import dev.rewind.ledger.LedgerEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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

    /** A compensation attempt failed: the entry shows REVOKE_FAILED and the error. */
    public void recordCompensation(Envelope envelope, Instant startedAt, String node, Throwable error) {
        ledger.findLocked(envelope.id()).ifPresent(entry -> {
            Attempt attempt = entry.startAttempt(envelope.attemptKind(), startedAt, node);
            String description = Errors.describe(error);
            entry.compensationFailed(attempt, Errors.rootOf(error).getClass().getName(), description,
                    Change.system("compensation attempt " + attempt.number() + " failed: " + description), Instant.now());
        });
    }

    public void record(Envelope envelope, Instant startedAt, String node, Throwable error) {
        Instant now = Instant.now();
        LedgerEntry entry = ledger.findLocked(envelope.id()).orElseGet(() -> {
            LedgerEntry created = ConsumeService.newEntry(envelope, now);
            ledger.add(created);
            return created;
        });
        Attempt attempt = entry.startAttempt(envelope.attemptKind(), startedAt, node);
        Throwable root = Errors.rootOf(error);
        String description = Errors.describe(error);
        entry.failed(attempt, AttemptOutcome.FAILED, root.getClass().getName(), description,
                Change.system("attempt " + attempt.number() + " failed: " + description), now);
    }
}
