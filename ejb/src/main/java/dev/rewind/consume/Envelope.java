package dev.rewind.consume;

import dev.rewind.ledger.AttemptKind;
import dev.rewind.ledger.LedgerEntry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What Rewind reads off a JMS message, once, before deciding anything. A message Rewind cannot
 * use still yields an envelope, with {@link #unusable()} saying precisely why.
 */
public record Envelope(UUID id, String type, String destination, String body, Map<String, Object> properties,
                       String jmsMessageId, int deliveryCount, UUID replayOf, boolean compensation, String unusable) {

    public static Envelope read(Message message) throws JMSException {
        return read(message, false);
    }

    /** Reads a message of the compensation queue: its attempts are COMPENSATION attempts. */
    public static Envelope readCompensation(Message message) throws JMSException {
        return read(message, true);
    }

    private static Envelope read(Message message, boolean compensation) throws JMSException {
        String jmsMessageId = message.getJMSMessageID();
        String problem = null;

        String rawId = message.getStringProperty(RewindHeaders.ID);
        UUID id = MessageIds.parse(rawId);
        if (id == null) {
            id = MessageIds.fromJmsMessageId(jmsMessageId);
            if (rawId != null) {
                problem = "the rewindId property '" + abbreviate(rawId) + "' is not a UUID";
            }
        }

        String type = message.getJMSType();
        if (problem == null && (type == null || type.isBlank())) {
            problem = "the message has no JMSType; set it to the message type, e.g. 'transfer.requested'";
        }

        String body = null;
        if (message instanceof TextMessage text) {
            body = text.getText();
            if (problem == null && (body == null || body.isBlank())) {
                problem = "the message body is empty; Rewind expects a JSON text body";
            } else if (body != null && body.length() > LedgerEntry.MAX_BODY) {
                if (problem == null) {
                    problem = "the body has " + body.length() + " characters, more than the ledger's limit of "
                            + LedgerEntry.MAX_BODY;
                }
                body = null;
            }
        } else if (problem == null) {
            problem = "unreadable body: a " + kind(message) + " is not a TextMessage; Rewind expects a JSON text body";
        }

        int deliveryCount = message.propertyExists("JMSXDeliveryCount")
                ? message.getIntProperty("JMSXDeliveryCount") : 1;
        UUID replayOf = MessageIds.parse(message.getStringProperty(RewindHeaders.REPLAY_OF));
        return new Envelope(id, type, name(message.getJMSDestination()), body, properties(message),
                jmsMessageId, deliveryCount, replayOf, compensation, problem);
    }

    public AttemptKind attemptKind() {
        if (compensation) {
            return AttemptKind.COMPENSATION;
        }
        if (replayOf != null) {
            return AttemptKind.REPLAY;
        }
        return deliveryCount > 1 ? AttemptKind.REDELIVERY : AttemptKind.DELIVERY;
    }

    private static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (RewindHeaders.isApplicationProperty(name)) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return properties.isEmpty() ? Collections.emptyMap() : properties;
    }

    static String name(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            return queue.getQueueName();
        }
        if (destination instanceof Topic topic) {
            return topic.getTopicName();
        }
        return String.valueOf(destination);
    }

    private static String kind(Message message) {
        if (message instanceof BytesMessage) {
            return "BytesMessage";
        }
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message without a body";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
