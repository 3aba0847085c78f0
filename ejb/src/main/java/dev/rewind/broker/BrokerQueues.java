package dev.rewind.broker;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.logging.Logger;

/**
 * Removes a message from the broker's queues by its Rewind id, through the embedded Artemis
 * broker's management beans ({@code jmx-management-enabled}, set by rewind-messaging.cli).
 *
 * <p>Removal is not part of a JTA transaction, so it runs only after the ledger change that makes
 * it right has committed: the REVOKED entry (the tombstone) is what guarantees the consumer skips
 * the message; removal only keeps queues and the DLQ clean. A rolled-back revoke removes nothing.
 */
@ApplicationScoped
public class BrokerQueues {

    private static final Logger LOG = Logger.getLogger(BrokerQueues.class);

    @Resource
    TransactionSynchronizationRegistry transaction;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Removes the message from each queue once the current transaction has committed. */
    public void removeAfterCommit(List<String> queues, UUID id) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    for (String queue : queues) {
                        remove(queue, id);
                    }
                }
            }
        });
    }

    /** Removes every message of this id from the queue, scheduled ones included; returns how many. */
    public int remove(String queue, UUID id) {
        try {
            int removed = 0;
            for (ObjectName name : queueBeans(queue)) {
                removed += (Integer) server.invoke(name, "removeMessages", new Object[] {filter(id)},
                        new String[] {String.class.getName()});
            }
            LOG.debugf("Removed %d message(s) %s from %s", removed, id, queue);
            return removed;
        } catch (JMException | RuntimeException e) {
            LOG.warnf("Could not remove message %s from queue %s (the ledger entry keeps it from running): %s",
                    id, queue, e.toString());
            return 0;
        }
    }

    /** How many messages of this id the queue holds, scheduled ones included. */
    public long count(String queue, UUID id) {
        try {
            long count = 0;
            for (ObjectName name : queueBeans(queue)) {
                count += (Long) server.invoke(name, "countMessages", new Object[] {filter(id)},
                        new String[] {String.class.getName()});
                Object[] scheduled = (Object[]) server.invoke(name, "listScheduledMessages", null, null);
                for (Object message : scheduled) {
                    if (String.valueOf(message).contains(id.toString())) {
                        count++;
                    }
                }
            }
            return count;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read queue " + queue + ": " + e, e);
        }
    }

    /** How many messages the queue holds, scheduled and in delivery included. */
    public long count(String queue) {
        try {
            long count = 0;
            for (ObjectName name : queueBeans(queue)) {
                count += (Long) server.getAttribute(name, "MessageCount");
            }
            return count;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read queue " + queue + ": " + e, e);
        }
    }

    private Set<ObjectName> queueBeans(String queue) throws JMException {
        // WildFly keeps the 1.x address prefix: the JMS queue "rewind.inbound" is "jms.queue.rewind.inbound".
        String core = queue.startsWith("jms.queue.") ? queue : "jms.queue." + queue;
        return server.queryNames(new ObjectName("org.apache.activemq.artemis:component=addresses,subcomponent=queues,queue="
                + ObjectName.quote(core) + ",*"), null);
    }

    private static String filter(UUID id) {
        return "rewindId = '" + id + "'";
    }
}
