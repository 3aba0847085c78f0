package dev.rewind.consume;

import dev.rewind.api.RewindHeaders;
import dev.rewind.api.RewindQueues;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps an unusable message: it is not retried (retrying cannot help), but the message itself
 * goes to the dead-letter queue in the consumer's transaction, body untouched, marked with its
 * Rewind id and the reason, so nothing is lost and it can be replayed once the cause is fixed.
 */
@ApplicationScoped
class DeadLetterForwarder {

    @Inject
    JMSContext jms;

    @Resource(lookup = RewindQueues.DEAD_LETTER_JNDI)
    Queue deadLetters;

    public void forward(Message message, UUID id, String reason) throws JMSException {
        // A received message's properties are read-only until cleared; keep them all, then mark it.
        Map<String, Object> properties = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        message.clearProperties();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            message.setObjectProperty(property.getKey(), property.getValue());
        }
        message.setStringProperty(RewindHeaders.ID, id.toString());
        message.setStringProperty(RewindHeaders.REJECT_REASON,
                reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        jms.createProducer().send(deadLetters, message);
    }
}
