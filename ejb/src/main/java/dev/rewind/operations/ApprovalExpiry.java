package dev.rewind.operations;

import dev.rewind.failure.DatabaseFailure;
import dev.rewind.failure.Errors;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Marks approval requests EXPIRED once past their expiry, every ten seconds, on every node: the update locks the rows
 * it changes, so nodes doing it at once do not both expire one. A decision checks the expiry itself, so a
 * request is never approved late, whenever this runs.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApprovalExpiry {

    private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

    @Inject
    OperationAttempts tx;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "rewind approval expiry")
    void everyMinute() {
        try {
            int expired;
            do {
                expired = tx.expireDue(100);
                if (expired > 0) {
                    LOG.infof("%d approval requests expired unapproved", expired);
                }
            } while (expired == 100);
        } catch (RuntimeException e) {
            if (DatabaseFailure.isConnectionLoss(e)) {
                LOG.debugf("No database to expire approval requests in (again in ten seconds): %s", Errors.describe(e));
            } else {
                LOG.warnf("Could not expire approval requests now (again in ten seconds): %s", Errors.describe(e));
            }
        }
    }
}
