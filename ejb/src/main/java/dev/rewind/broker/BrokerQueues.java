package dev.rewind.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Finds and removes messages in the broker's queues by their Rewind id. The broker is WildFly's
 * embedded one (its management beans) unless {@code rewind.broker.management-url} names a remote
 * broker (set by rewind-messaging-remote.cli), which is then reached with management messages as
 * {@code rewind.broker.user} / {@code rewind.broker.password}.
 *
 * <p>Removal is not part of a JTA transaction, so it runs only after the ledger change that makes
 * it right has committed: the REVOKED entry (the tombstone) is what guarantees the consumer skips
 * the message; removal only keeps queues and the DLQ clean. A rolled-back revoke removes nothing.
 */
@ApplicationScoped
public class BrokerQueues {

    private static final Logger LOG = Logger.getLogger(BrokerQueues.class);

    /** Ids per removal request: keeps the selector short. */
    private static final int IDS_PER_REQUEST = 200;

    /** The transaction's pending removals, by queue. */
    private static final Object PENDING = new Object();

    /** WildFly and Rewind's standalone broker keep the 1.x address prefix of JMS queues. */
    private static final String JMS_QUEUE_PREFIX = "jms.queue.";

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    @ConfigProperty(name = "rewind.broker.management-url")
    Optional<String> remoteUrl;

    @Inject
    @ConfigProperty(name = "rewind.broker.user", defaultValue = "rewind")
    String user;

    @Inject
    @ConfigProperty(name = "rewind.broker.password")
    Optional<String> password;

    private QueueManagement control;

    @PostConstruct
    void connect() {
        control = remoteUrl.filter(url -> !url.isBlank())
                .<QueueManagement>map(url -> new RemoteQueueManagement(url, user, password.orElse(null)))
                .orElseGet(LocalQueueManagement::new);
    }

    @PreDestroy
    void disconnect() {
        if (control instanceof RemoteQueueManagement remote) {
            remote.close();
        }
    }

    /**
     * Removes the message from each queue once the current transaction has committed. The ids of
     * one transaction are removed together, a slice of them per management request: a bulk chunk of
     * 500 replays costs a few requests, not 500.
     */
    public void removeAfterCommit(List<String> queues, UUID id) {
        @SuppressWarnings("unchecked")
        Map<String, Set<UUID>> pending = (Map<String, Set<UUID>>) transaction.getResource(PENDING);
        if (pending == null) {
            Map<String, Set<UUID>> removals = new LinkedHashMap<>();
            transaction.putResource(PENDING, removals);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        removals.forEach(BrokerQueues.this::remove);
                    }
                }
            });
            pending = removals;
        }
        for (String queue : queues) {
            pending.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(id);
        }
    }

    /** Removes every message of these ids from the queue, scheduled ones included; returns how many. */
    public int remove(String queue, Collection<UUID> ids) {
        List<UUID> all = List.copyOf(ids);
        int removed = 0;
        for (int from = 0; from < all.size(); from += IDS_PER_REQUEST) {
            List<UUID> slice = all.subList(from, Math.min(all.size(), from + IDS_PER_REQUEST));
            try {
                removed += number(control.invoke(core(queue), "removeMessages", filter(slice))).intValue();
            } catch (Exception e) {
                LOG.warnf("Could not remove %d message(s) from queue %s of %s (their ledger entries keep them from "
                        + "running): %s; first id %s", slice.size(), queue, control.describe(), e.toString(), slice.get(0));
            }
        }
        LOG.debugf("Removed %d message(s) of %d id(s) from %s", removed, all.size(), queue);
        return removed;
    }

    /** Removes every message of this id from the queue, scheduled ones included; returns how many. */
    public int remove(String queue, UUID id) {
        return remove(queue, List.of(id));
    }

    /** How many messages of this id the queue holds, scheduled ones included. */
    public long count(String queue, UUID id) {
        String core = core(queue);
        try {
            long count = number(control.invoke(core, "countMessages", filter(List.of(id)))).longValue();
            // countMessages leaves out scheduled messages; their JSON list names each message's properties.
            String scheduled = String.valueOf(control.invoke(core, "listScheduledMessagesAsJSON"));
            for (int at = scheduled.indexOf(id.toString()); at >= 0; at = scheduled.indexOf(id.toString(), at + 1)) {
                count++;
            }
            return count;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read queue " + queue + " of " + control.describe() + ": " + e, e);
        }
    }

    /** How many messages the queue holds, scheduled and in delivery included. */
    public long count(String queue) {
        try {
            return number(control.read(core(queue), "MessageCount")).longValue();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read queue " + queue + " of " + control.describe() + ": " + e, e);
        }
    }

    /** Removes every message from the queue; returns how many. For tests and operators clearing a test queue. */
    public int purge(String queue) {
        try {
            return number(control.invoke(core(queue), "removeAllMessages")).intValue();
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge queue " + queue + " of " + control.describe() + ": " + e, e);
        }
    }

    private static String core(String queue) {
        return queue.startsWith(JMS_QUEUE_PREFIX) ? queue : JMS_QUEUE_PREFIX + queue;
    }

    private static Number number(Object result) {
        return (Number) result;
    }

    private static String filter(List<UUID> ids) {
        StringJoiner in = new StringJoiner("','", "rewindId IN ('", "')");
        ids.forEach(id -> in.add(id.toString()));
        return in.toString();
    }
}
