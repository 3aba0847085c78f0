package dev.rewind.consume;

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
public class LedgerWrites {

    private static final Logger LOG = Logger.getLogger(LedgerWrites.class);

    /** This server's name in attempt rows. */
    public static final String NODE = System.getProperty("jboss.node.name", "local");

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Flushes; on a conflict marks the transaction for rollback and returns false. */
    public boolean flushOrRollBack(UUID id) {
        try {
            em.flush();
            return true;
        } catch (PersistenceException concurrentChange) {
            if (DatabaseOutage.isConnectionLoss(concurrentChange)) {
                throw concurrentChange; // not a concurrent change: the consumer waits for the database
            }
            LOG.infof("Entry %s changed while its message was consumed; the broker redelivers it (%s)",
                    id, Errors.describe(concurrentChange));
            transaction.setRollbackOnly();
            return false;
        }
    }

    /** Makes the broker redeliver: the consumer's transaction, handler work included, rolls back. */
    public void rollBack() {
        transaction.setRollbackOnly();
    }
}
