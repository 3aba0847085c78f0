package dev.rewind.send;

import dev.rewind.api.RefusedException;
import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import dev.rewind.message.PropertiesJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends a message Rewind builds from the ledger (a send, a replay, a compensation) in the
 * caller's transaction: the JMS send commits or rolls back with the ledger change that caused it.
 *
 * <p>One JMS context serves the whole transaction (a bulk chunk sends hundreds of messages). It is not
 * the injected {@code JMSContext}: that one is a transaction-scoped CDI bean looked up again on every
 * call, which a profile of a bulk replay (2026-11-29) found costing about as much as the sends.
 */
@ApplicationScoped
public class JmsSender {

    /** Where a queue named {@code q} must be bound for Rewind to send to it. */
    public static final String QUEUE_JNDI_PREFIX = RewindQueues.JNDI_PREFIX;

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** The key of the transaction's context in the synchronization registry. */
    private static final Object CONTEXT = new Object();

    /** The broker Rewind's queues are on (the same factory the injected JMSContext uses). */
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connections;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Queues found in JNDI (a bulk replay sends thousands of messages to one queue). */
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /**
     * @param queue      a queue bound at {@code java:/jms/queue/<queue>}
     * @param properties the ledger's JSON object of user properties, or null
     * @param extra      Rewind's own properties to set (replay marker and the like)
     * @param delayMs    delivery delay, 0 for none
     */
    public void send(String queue, UUID id, String type, String body, String properties,
                     Map<String, String> extra, long delayMs) {
        Queue destination = queue(queue, id);
        if (transaction.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("message " + id + " must be sent in the transaction of its ledger change");
        }
        JMSContext jms = context();
        try {
            TextMessage message = jms.createTextMessage(body);
            message.setJMSType(type);
            restore(message, properties);
            message.setStringProperty(RewindHeaders.ID, id.toString());
            for (Map.Entry<String, String> property : extra.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            jms.createProducer().setDeliveryDelay(delayMs).send(destination, message);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot send message " + id + " to " + queue + ": " + e.getMessage(),
                    e.getErrorCode(), e);
        }
    }

    /**
     * The transaction's context, opened on its first send. It is closed when the transaction is about to
     * complete: closing a context before the commit is the usual pattern of a container-managed send
     * (the pooled connection stays enlisted and commits or rolls back with the transaction).
     */
    private JMSContext context() {
        JMSContext current = (JMSContext) transaction.getResource(CONTEXT);
        if (current != null) {
            return current;
        }
        JMSContext opened = connections.createContext();
        transaction.putResource(CONTEXT, opened);
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                opened.close();
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    opened.close(); // a rollback skips beforeCompletion; closing twice is allowed
                }
            }
        });
        return opened;
    }

    /** The queue bound under this name, or a refusal naming it. */
    public Queue queue(String name, UUID id) {
        if (name == null || !QUEUE_NAME.matcher(name).matches()) {
            throw new RefusedException(id, "'" + name + "' is not a queue name");
        }
        Queue known = queues.get(name);
        if (known != null) {
            return known;
        }
        try {
            Object bound = InitialContext.doLookup(QUEUE_JNDI_PREFIX + name);
            if (bound instanceof Queue queue) {
                queues.put(name, queue);
                return queue;
            }
        } catch (NamingException notBound) {
            // answered below
        }
        throw new RefusedException(id, "there is no queue '" + name + "' (nothing is bound at "
                + QUEUE_JNDI_PREFIX + name + ")");
    }

    private static void restore(TextMessage message, String properties) throws JMSException {
        if (properties == null || properties.isEmpty() || "{}".equals(properties)) {
            return;
        }
        JsonObject json = PropertiesJson.read(properties);
        for (Map.Entry<String, JsonValue> property : json.entrySet()) {
            String name = property.getKey();
            JsonValue value = property.getValue();
            switch (value.getValueType()) {
                case STRING -> message.setStringProperty(name, ((JsonString) value).getString());
                case NUMBER -> {
                    JsonNumber number = (JsonNumber) value;
                    if (number.isIntegral()) {
                        message.setLongProperty(name, number.longValue());
                    } else {
                        message.setDoubleProperty(name, number.doubleValue());
                    }
                }
                case TRUE -> message.setBooleanProperty(name, true);
                case FALSE -> message.setBooleanProperty(name, false);
                default -> {
                    // null properties are not restored: JMS has no null property value
                }
            }
        }
    }
}
