package dev.rewind.handling;

import dev.rewind.failure.DatabaseFailure;
import dev.rewind.failure.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the inbound and the compensation consumers share: running a handler's step in the consumer's
 * transaction, and ending that transaction. A step that throws rolls the transaction back (its effects
 * and the acknowledgement with it: the broker redelivers), its failure is recorded in a transaction of its
 * own and reported; a lost database connection is not the handler's fault and is rethrown, for the
 * consumer to wait for the database. A step that succeeded ends with the ledger written now
 * ({@link LedgerFlush}) and its outcome reported.
 */
@ApplicationScoped
public class HandlerRun {

    private static final Logger LOG = Logger.getLogger(HandlerRun.class);

    /** This server's name in attempt rows. */
    public static final String NODE = LedgerFlush.NODE;

    @Inject
    LedgerFlush writes;

    @Inject
    Event<Consumed> consumed;

    /** A handler's step: its {@code handle} or {@code compensate} on the message's payload. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** Records a failed step in a transaction of its own. */
    @FunctionalInterface
    public interface FailureRecord {
        void record(Exception failure);
    }

    /**
     * Runs {@code step} of the message {@code id}.
     *
     * @param what    "handler" or "compensation", for the log
     * @param attempt the attempt's number, for the log
     * @return how long the step ran in nanoseconds, or -1 if it failed: the transaction is then marked for
     *         rollback, the failure recorded and reported, and the caller has nothing left to do
     */
    public long run(UUID id, String type, String what, int attempt, Step step, FailureRecord failure) {
        long start = System.nanoTime();
        try {
            step.run();
            return System.nanoTime() - start;
        } catch (Exception e) {
            if (DatabaseFailure.isConnectionLoss(e)) {
                // Not the handler's fault and nothing can be recorded now: roll back, the consumer waits.
                throw new IllegalStateException("the database went away while the " + what + " of " + id + " ran", e);
            }
            LOG.warnf("The %s of %s (%s) failed on attempt %d: %s", what, id, type, attempt, Errors.describe(e));
            writes.rollBack();
            try {
                failure.record(e);
            } catch (RuntimeException recordingFailed) {
                // The message is redelivered anyway and the next attempt records again; the broker
                // dead-letters it after its last attempt, so it is not lost.
                LOG.errorf("Could not record the failed %s of %s: %s", what, id, Errors.describe(recordingFailed));
            }
            consumed.fire(new Consumed(id, type, Consumed.Outcome.FAILED, System.nanoTime() - start));
            return -1;
        }
    }

    /** Writes the ledger now and, when written, reports {@code outcome}; returns what the write did. */
    public LedgerFlush.Flushed finish(Consumed outcome) {
        LedgerFlush.Flushed flushed = writes.flush(outcome.id());
        if (flushed == LedgerFlush.Flushed.WRITTEN) {
            consumed.fire(outcome);
        }
        return flushed;
    }

    /** Acknowledges a delivery that has nothing to do, and reports it. */
    public void skip(UUID id, String type) {
        consumed.fire(new Consumed(id, type, Consumed.Outcome.SKIPPED));
    }
}
