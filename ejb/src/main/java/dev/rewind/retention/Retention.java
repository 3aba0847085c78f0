package dev.rewind.retention;

import dev.rewind.nodes.TimerLeases;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Purges old PROCESSED entries every hour, on one node: every node's timer fires, the first to take the
 * {@code retention} lease (for 30 minutes) purges, the others skip that hour. Parallel purges would be
 * harmless (a batch deletes rows under their locks; rows another node deleted are not there to delete), only
 * wasteful. Settings (MicroProfile Config, e.g. system properties):
 * {@code rewind.retention.enabled} (true), {@code rewind.retention.processed-age} (ISO-8601
 * duration, P30D), {@code rewind.retention.mode} (DELETE or PAYLOAD), {@code rewind.retention.batch-size} (500).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** The lease that makes one node purge per hour, and how long it holds. */
    static final String LEASE = "retention";
    private static final Duration HOLD = Duration.ofMinutes(30);

    @Inject
    RetentionBatch batches;

    @Inject
    TimerLeases leases;

    @Inject
    @ConfigProperty(name = "rewind.retention.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "rewind.retention.processed-age", defaultValue = "P30D")
    String processedAge;

    @Inject
    @ConfigProperty(name = "rewind.retention.mode", defaultValue = "DELETE")
    String mode;

    @Inject
    @ConfigProperty(name = "rewind.retention.batch-size", defaultValue = "500")
    int batchSize;

    @Schedule(hour = "*", minute = "17", persistent = false, info = "rewind retention")
    void hourly() {
        if (!enabled) {
            return;
        }
        try {
            if (!leases.claim(LEASE, HOLD)) {
                return; // another node purges this hour
            }
            int purged = purge(Instant.now().minus(Duration.parse(processedAge)), RetentionMode.valueOf(mode));
            if (purged > 0) {
                LOG.infof("Retention purged %d PROCESSED entries older than %s (%s)", purged, processedAge, mode);
            }
        } catch (RuntimeException e) {
            LOG.errorf("Retention failed (settings: processed-age %s, mode %s): %s", processedAge, mode, e);
        }
    }

    /** Purges every entry PROCESSED before {@code cutoff}, batch after batch; returns how many. */
    public int purge(Instant cutoff, RetentionMode mode) {
        int size = Math.max(1, batchSize);
        int total = 0;
        int purged;
        do {
            purged = batches.purge(cutoff, mode, size);
            total += purged;
        } while (purged == size);
        return total;
    }
}
