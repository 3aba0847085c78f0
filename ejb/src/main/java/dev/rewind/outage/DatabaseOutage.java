package dev.rewind.outage;

import dev.rewind.failure.DatabaseFailure;
import dev.rewind.failure.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps messages in their queue while the ledger's database is unreachable.
 *
 * <p>The broker counts every rolled-back delivery and dead-letters a message after its last
 * attempt, so a consumer that kept failing against a stopped database would push healthy messages
 * into the DLQ without a ledger entry. Instead, the first failure that is the database going away
 * (not a handler's error) marks it down, and every consumer then waits before its next message
 * touches the ledger, probing once a second, until the database answers again. A message in
 * flight at the moment of the outage is rolled back and counted once; the others are not counted.
 * A wait longer than the transaction timeout (300 s in WildFly) costs the waiting messages one
 * counted delivery too.
 */
@ApplicationScoped
class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final long PROBE_INTERVAL_MS = 1_000;

    @Inject
    DatabaseProbe probe;

    private final AtomicBoolean down = new AtomicBoolean();

    /** Returns at once while the database is up; otherwise when it answers again. */
    public void awaitDatabase() {
        while (down.get()) {
            if (probe.answers()) {
                if (down.compareAndSet(true, false)) {
                    LOG.info("The ledger's database answers again: consumers go on");
                }
                return;
            }
            try {
                Thread.sleep(PROBE_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Looks at a consumer's failure; true (and consumers wait from now on) when it is the database going away. */
    public boolean noteFailure(Throwable failure) {
        if (!DatabaseFailure.isConnectionLoss(failure)) {
            return false;
        }
        if (down.compareAndSet(false, true)) {
            LOG.warnf("The ledger's database is unreachable (%s): consumers wait for it, messages stay in their queues",
                    Errors.describe(failure));
        }
        return true;
    }

}
