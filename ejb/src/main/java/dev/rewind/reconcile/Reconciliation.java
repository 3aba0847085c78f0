package dev.rewind.reconcile;

import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.broker.BrokerQueues;
import dev.rewind.message.Envelope;
import dev.rewind.send.JmsSender;
import dev.rewind.send.Resends;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *       ({@link ReconcileStep#resendIfLost}; the consumers skip a second copy), {@code rewind.reconcile.batch-size}
 *       entries a pass, each pass going on where the last stopped;</li>
 *   <li>copies in {@code rewind.DLQ} of entries that are PROCESSED, REVOKED or SUPERSEDED are removed (a removal
 *       runs after its commit, outside the transaction, so a crash can skip it);</li>
 *   <li>messages in {@code rewind.DLQ} that the ledger has never seen, sent more than the grace ago (and less
 *       than the retention age: an entry retention purged is not "never seen"), go back to
 *       {@code rewind.inbound} with a PENDING entry ({@link ReconcileStep#redrive}): the broker dead-lettered them
 *       before any delivery reached Rewind, when crashes and rollbacks had used up their attempts.</li>
 * </ul>
 * Nodes sharing the ledger may run it at once: a re-send happens under the entry's row lock after
 * re-checking that it is still overdue, and removing a copy twice removes nothing the second time.
 *
 * <p>After the node starts, it re-sends nothing for {@code rewind.reconcile.start-grace} (by default the grace):
 * a send this node left in doubt when it went down is a prepared branch in the broker, invisible to a browse,
 * until the transaction manager's recovery commits it. Re-sending before that would be harmless (the consumers
 * skip the second copy) but is not needed: recovery usually resolves it within seconds of the start.
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

    @Inject
    Resends resends;

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

    /** How long after the start re-sends wait for recovery; absent: the grace. */
    @Inject
    @ConfigProperty(name = "rewind.reconcile.start-grace")
    Optional<String> startGrace;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.batch-size", defaultValue = "200")
    int batchSize;

    @Inject
    @ConfigProperty(name = "rewind.reconcile.dead-letter-scan", defaultValue = "2000")
    int deadLetterScan;

    @Inject
    @ConfigProperty(name = "rewind.retention.processed-age", defaultValue = "P30D")
    String retentionAge;

    /** The property in which Artemis keeps the queue a dead-lettered message came from. */
    private static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    private final AtomicBoolean running = new AtomicBoolean();

    /** No re-send before this instant (the node's start plus the start grace). */
    private Instant resendsFrom;

    /** Where the next pass goes on among the overdue entries (null: from the first); one pass at a time. */
    private ReconcileStep.Position resumeAfter;

    /** What one run repaired. */
    public record Report(int resent, int removedDeadLetters, int redriven) {
    }

    /** A message browsed in the dead-letter queue. */
    private record DeadLetter(Envelope envelope, Instant sentAt, String from) {
    }

    @PostConstruct
    void schedule() {
        resendsFrom = Instant.now().plus(Duration.parse(startGrace.orElse(grace)));
        if (enabled) {
            long every = Duration.parse(interval).toMillis();
            timers.createIntervalTimer(every, every, new TimerConfig("rewind reconciliation", false));
        }
    }

    @Timeout
    void periodic() {
        try {
            Report report = run();
            if (report.resent() + report.removedDeadLetters() + report.redriven() > 0) {
                LOG.infof("Reconciliation re-sent %d lost message(s), removed %d stale dead-letter copie(s) and sent %d"
                        + " dead-lettered message(s) the ledger had never seen back to %s", report.resent(),
                        report.removedDeadLetters(), report.redriven(), RewindQueues.INBOUND);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reconciliation stopped early (it runs again in %s): %s", interval, e.toString());
        }
    }

    /** One pass; a pass already running on this node makes this one return at once with nothing done. */
    public Report run() {
        if (!running.compareAndSet(false, true)) {
            return new Report(0, 0, 0);
        }
        try {
            int resent = resendLost();
            Map<UUID, DeadLetter> deadLetters = deadLetters();
            return new Report(resent, removeStaleDeadLetters(deadLetters.keySet()),
                    redrive(deadLetters, Duration.parse(grace)));
        } finally {
            running.set(false);
        }
    }

    /**
     * Sends the dead-lettered messages the ledger has never seen, sent more than {@code grace} ago, back to
     * {@code rewind.inbound}; returns how many. {@link #run()} does it with {@code rewind.reconcile.grace}.
     */
    public int redriveUnrecorded(Duration grace) {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            return redrive(deadLetters(), grace);
        } finally {
            running.set(false);
        }
    }

    private int redrive(Map<UUID, DeadLetter> deadLetters, Duration grace) {
        Instant now = Instant.now();
        Instant sentBefore = now.minus(grace);
        Instant sentAfter = now.minus(Duration.parse(retentionAge));
        int redriven = 0;
        for (UUID id : steps.unknown(deadLetters.keySet())) {
            DeadLetter letter = deadLetters.get(id);
            boolean fromInbound = letter.from() == null || letter.from().endsWith(RewindQueues.INBOUND);
            if (fromInbound && letter.envelope().unusable() == null && letter.sentAt().isBefore(sentBefore)
                    && letter.sentAt().isAfter(sentAfter) && redrove(letter)) {
                broker.remove(RewindQueues.DEAD_LETTER, List.of(id)); // after the commit: the copy is no longer needed
                redriven++;
            }
        }
        return redriven;
    }

    /** One message sent back; a failure costs that message only (it stays in the DLQ for the next pass). */
    private boolean redrove(DeadLetter letter) {
        try {
            return steps.redrive(letter.envelope());
        } catch (RuntimeException e) {
            LOG.warnf("Could not send dead-lettered message %s back to %s (it stays in %s): %s", letter.envelope().id(),
                    RewindQueues.INBOUND, RewindQueues.DEAD_LETTER, e.toString());
            return false;
        }
    }

    /**
     * Checks the next {@code batch-size} overdue entries, from where the last pass stopped: entries whose message
     * waits in a queue no consumer drains (a bulk replay parked 10,000) stay overdue for good and, visited
     * oldest first from the start every pass, would keep a lost compensation behind them from ever being looked
     * at. Entries waiting on a queue too long to search are passed over: nothing can be decided for them until it
     * is shorter.
     */
    private int resendLost() {
        if (Instant.now().isBefore(resendsFrom)) {
            return 0; // recovery's turn first: what this node left in doubt may still be committed
        }
        Instant cutoff = Instant.now().minus(Duration.parse(grace));
        List<String> tooLong = steps.overdueQueues(cutoff).stream().filter(queue -> !searchable(queue)).toList();
        List<ReconcileStep.Position> batch = steps.overdue(cutoff, tooLong, resumeAfter, batchSize);
        resumeAfter = batch.size() < batchSize ? null : batch.get(batch.size() - 1);
        int resent = 0;
        for (ReconcileStep.Position overdue : batch) {
            try {
                if (steps.resendIfLost(overdue.id(), cutoff, grace)) {
                    resent++;
                }
            } catch (RuntimeException e) {
                // that entry only: the others of the batch are still checked, and it is again in a later pass
                LOG.warnf("Reconciliation could not check or re-send the message of entry %s: %s", overdue.id(), e.toString());
            }
        }
        return resent;
    }

    /** Whether the queue is short enough to search; a queue that cannot be read now is not searched now. */
    private boolean searchable(String queue) {
        try {
            return resends.searchable(queue);
        } catch (RuntimeException e) {
            LOG.debugf("Reconciliation passes over the entries waiting on %s this time: %s", queue, e.toString());
            return false;
        }
    }

    private int removeStaleDeadLetters(Set<UUID> deadLetterIds) {
        List<UUID> stale = steps.finished(deadLetterIds);
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

    /** The first messages in the dead-letter queue that carry a Rewind id, by id. */
    private Map<UUID, DeadLetter> deadLetters() {
        Map<UUID, DeadLetter> letters = new LinkedHashMap<>();
        try (JMSContext jms = connections.createContext();
             QueueBrowser browser = jms.createBrowser(outbound.queue(RewindQueues.DEAD_LETTER, null))) {
            Enumeration<?> messages = browser.getEnumeration();
            for (int seen = 0; seen < deadLetterScan && messages.hasMoreElements(); seen++) {
                Message message = (Message) messages.nextElement();
                UUID id = parse(message.getStringProperty(RewindHeaders.ID));
                if (id != null) {
                    letters.putIfAbsent(id, new DeadLetter(Envelope.read(message), Instant.ofEpochMilli(message.getJMSTimestamp()),
                            message.getStringProperty(ORIGINAL_QUEUE)));
                }
            }
        } catch (JMSException | RuntimeException e) {
            throw new IllegalStateException("cannot browse " + RewindQueues.DEAD_LETTER + ": " + e, e);
        }
        return letters;
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
