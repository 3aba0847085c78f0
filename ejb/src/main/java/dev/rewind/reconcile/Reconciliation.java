package dev.rewind.reconcile;

import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.send.JmsSender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Repairs what a crash at commit can leave behind, on every node, every {@code rewind.reconcile.interval}:
 * <ul>
 *   <li>an entry REVOKING, REPLAYING or PENDING (sent through Rewind) whose message is overdue by
 *       {@code rewind.reconcile.grace} and neither in its queue nor consumed gets it again
 *       ({@link ReconcileStep#resendIfLost}; the consumers skip a second copy);</li>
 *   <li>copies in {@code rewind.DLQ} of entries that are PROCESSED or REVOKED are removed (a removal
 *       runs after its commit, outside the transaction, so a crash can skip it).</li>
 * </ul>
 * Nodes sharing the ledger may run it at once: a re-send happens under the entry's row lock after
 * re-checking that it is still overdue, and removing a copy twice removes nothing the second time.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    @Resource
    TimerService timers;

    @Inject
    ReconcileStep steps;

    @Inject
    BrokerQueues broker;

    @Inject
    JmsSender outbound;

    /** The broker Rewind's queues are on (the default JMS connection factory, as for the injected JMSContext). */
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connections;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.interval", defaultValue = "PT20S")
    String interval;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.grace", defaultValue = "PT1M")
    String grace;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.batch-size", defaultValue = "200")
    int batchSize;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.dead-letter-scan", defaultValue = "2000")
    int deadLetterScan;

    private final AtomicBoolean running = new AtomicBoolean();

    /** What one run repaired. */
    public record Report(int resent, int removedDeadLetters) {
    }

    @PostConstruct
    void schedule() {
        if (enabled) {
            long every = Duration.parse(interval).toMillis();
            timers.createIntervalTimer(every, every, new TimerConfig("rewind reconciliation", false));
        }
    }

    @Timeout
    void periodic() {
        try {
            Report report = run();
            if (report.resent() + report.removedDeadLetters() > 0) {
                LOG.infof("Reconciliation re-sent %d lost message(s) and removed %d stale dead-letter copie(s)",
                        report.resent(), report.removedDeadLetters());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reconciliation stopped early (it runs again in %s): %s", interval, e.toString());
        }
    }

    /** One pass; a pass already running on this node makes this one return at once with nothing done. */
    public Report run() {
        if (!running.compareAndSet(false, true)) {
            return new Report(0, 0);
        }
        try {
            return new Report(resendLost(), removeStaleDeadLetters());
        } finally {
            running.set(false);
        }
    }

    private int resendLost() {
        Instant cutoff = Instant.now().minus(Duration.parse(grace));
        int resent = 0;
        for (UUID id : steps.overdue(cutoff, batchSize)) {
            if (steps.resendIfLost(id, cutoff, grace)) {
                resent++;
            }
        }
        return resent;
    }

    private int removeStaleDeadLetters() {
        List<UUID> stale = steps.finished(deadLetterIds());
        int removed = 0;
        for (int from = 0; from < stale.size(); from += batchSize) {
            List<UUID> slice = stale.subList(from, Math.min(stale.size(), from + batchSize));
            if (broker.remove(RewindQueues.DEAD_LETTER, slice) > 0) {
                steps.notedRemoved(slice, RewindQueues.DEAD_LETTER);
                removed += slice.size();
            }
        }
        return removed;
    }

    /** The Rewind ids of the first messages in the dead-letter queue. */
    private Set<UUID> deadLetterIds() {
        Set<UUID> ids = new LinkedHashSet<>();
        try (JMSContext jms = connections.createContext();
             QueueBrowser browser = jms.createBrowser(outbound.queue(RewindQueues.DEAD_LETTER, null))) {
            Enumeration<?> messages = browser.getEnumeration();
            for (int seen = 0; seen < deadLetterScan && messages.hasMoreElements(); seen++) {
                String id = ((Message) messages.nextElement()).getStringProperty(RewindHeaders.ID);
                UUID parsed = parse(id);
                if (parsed != null) {
                    ids.add(parsed);
                }
            }
        } catch (JMSException | RuntimeException e) {
            throw new IllegalStateException("cannot browse " + RewindQueues.DEAD_LETTER + ": " + e, e);
        }
        return ids;
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
