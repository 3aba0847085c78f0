package dev.rewind.sender;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends messages to Rewind the way another application does: the Artemis Jakarta client,
 * connected through WildFly's HTTP port (HTTP upgrade to the {@code http-acceptor}) as an
 * application user. Persistent messages, one per call, each acknowledged by the broker.
 */
public final class RewindSender implements AutoCloseable {

    /** WildFly's remote messaging endpoint on its HTTP port. {@code enable1xPrefixes} maps
     * the JMS queue name {@code rewind.inbound} to WildFly's address {@code jms.queue.rewind.inbound}. */
    public static final String DEFAULT_URL =
            "tcp://localhost:8080?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    public static final String INBOUND = "rewind.inbound";

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;

    public RewindSender(String url, String user, String password) {
        this.factory = new ActiveMQConnectionFactory(url, user, password);
        this.context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** Sends a JSON text message of the given type; {@code id} becomes its {@code rewindId} unless null. */
    public String send(String type, String json, UUID id) {
        return send(INBOUND, type, json, id, Map.of());
    }

    public String send(String queueName, String type, String json, UUID id, Map<String, String> properties) {
        Queue queue = context.createQueue(queueName);
        TextMessage message = context.createTextMessage(json);
        try {
            if (type != null) {
                message.setJMSType(type);
            }
            if (id != null) {
                message.setStringProperty("rewindId", id.toString());
            }
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            JMSProducer producer = context.createProducer();
            producer.send(queue, message);
            return message.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("Could not send to " + queueName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        context.close();
        factory.close();
    }
}
