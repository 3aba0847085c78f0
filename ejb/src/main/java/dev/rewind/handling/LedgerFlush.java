package dev.rewind.handling;

import dev.rewind.failure.DatabaseFailure;
import dev.rewind.failure.Errors;
import dev.rewind.nodes.NodeName;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The end of a consumer's transaction, shared by the inbound and the compensation consumers:
 * the ledger is written now rather than at commit, so that a concurrent change of the same entry
 * (a version conflict, or the same new id inserted twice) shows here and ends in a quiet rollback
 * and redelivery instead of an error at commit.
 */
@ApplicationScoped
public class LedgerFlush {

    private static final Logger LOG = Logger.getLogger(LedgerFlush.class);

    /** This server's name in attempt rows. */
    public static final String NODE = NodeName.CURRENT;

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** What became of a flush. */
    public enum Flushed {
        /** Written; the transaction may commit. */
        WRITTEN,
        /** A concurrent change of the same entry: rolled back, the broker redelivers. */
        CONFLICT,
        /** The database refused a value (a data exception, or an integrity rule other than a key): rolled back. */
        REFUSED
    }

    /**
     * Flushes. A conflict or a refused value marks the transaction for rollback; a lost connection
     * is rethrown, for the consumer to wait for the database. Only real conflicts are called races:
     * a value the database refuses would fail the same way on every redelivery.
     */
    public Flushed flush(UUID id) {
        try {
            em.flush();
            return Flushed.WRITTEN;
        } catch (PersistenceException failure) {
            DatabaseFailure kind = DatabaseFailure.of(failure);
            if (kind == DatabaseFailure.CONNECTION) {
                throw failure;
            }
            transaction.setRollbackOnly();
            // Anything that is not a refused value is handled as before: a quiet rollback and a redelivery.
            if (kind != DatabaseFailure.DATA) {
                LOG.infof("Entry %s changed while its message was consumed; the broker redelivers it (%s)",
                        id, Errors.describe(failure));
                return Flushed.CONFLICT;
            }
            LOG.errorf("The database refused the ledger write of %s (%s)", id, Errors.describe(failure));
            return Flushed.REFUSED;
        }
    }

    /** {@link #flush}, true only when written. */
    public boolean flushOrRollBack(UUID id) {
        return flush(id) == Flushed.WRITTEN;
    }

    /** Makes the broker redeliver: the consumer's transaction, handler work included, rolls back. */
    public void rollBack() {
        transaction.setRollbackOnly();
    }
}
