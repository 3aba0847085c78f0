package dev.rewind.message;

import dev.rewind.api.AttemptKind;
import dev.rewind.api.RewindHeaders;
import dev.rewind.ledger.LedgerEntry;
import dev.rewind.ledger.StorableText;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Rewind reads off a JMS message, once, before deciding anything. A message Rewind cannot
 * use still yields an envelope, with {@link #unusable()} saying precisely why and
 * {@link #rejection()} the kind of reason.
 *
 * <p>Every field the ledger keeps is already made to fit its column here ({@code type},
 * {@code destination}, {@code propertiesJson}, {@code jmsMessageId}; {@code body} is null when it
 * cannot be kept), so recording the message can never fail on its values: a value that does not
 * fit makes the message unusable, recorded cut (the reason gives the original length) and kept
 * whole in the dead-letter queue. {@code properties} are the message's own, for its handler.
 */
public record Envelope(UUID id, String type, String destination, String body, Map<String, Object> properties,
                       String propertiesJson, String jmsMessageId, int deliveryCount, UUID replayOf,
                       boolean compensation, String unusable, Rejection rejection) {

    public static Envelope read(Message message) throws JMSException {
        return read(message, false);
    }

    /** Reads a message of the compensation queue: its attempts are COMPENSATION attempts. */
    public static Envelope readCompensation(Message message) throws JMSException {
        return read(message, true);
    }

    private static Envelope read(Message message, boolean compensation) throws JMSException {
        Problems problems = new Problems();
        String jmsMessageId = message.getJMSMessageID();

        String rawId = message.getStringProperty(RewindHeaders.ID);
        UUID id = MessageIds.parse(rawId);
        if (id == null) {
            id = MessageIds.fromJmsMessageId(jmsMessageId);
            if (rawId != null) {
                problems.add(Rejection.BAD_ID, "the rewindId property '" + abbreviate(rawId) + "' is not a UUID");
            }
        }

        String type = message.getJMSType();
        if (type == null || type.isBlank()) {
            problems.add(Rejection.NO_TYPE, "the message has no JMSType; set it to the message type, e.g. 'transfer.requested'");
        } else if (type.length() > LedgerEntry.MAX_TYPE) {
            problems.add(Rejection.TOO_LONG, "the JMSType has " + type.length() + " characters, more than the ledger's limit of "
                    + LedgerEntry.MAX_TYPE + " (recorded: its beginning)");
        } else {
            String unstorable = StorableText.problem(type);
            if (unstorable != null) {
                problems.add(Rejection.UNSTORABLE_TEXT, "the JMSType " + unstorable + " (recorded with U+FFFD in its place)");
            }
        }

        String body = null;
        if (message instanceof TextMessage text) {
            body = text.getText();
            if (body == null || body.isBlank()) {
                problems.add(Rejection.UNREADABLE_BODY, "the message body is empty; Rewind expects a JSON text body");
            } else if (body.length() > LedgerEntry.MAX_BODY) {
                problems.add(Rejection.TOO_LONG, "the body has " + body.length()
                        + " characters, more than the ledger's limit of " + LedgerEntry.MAX_BODY + " (not recorded)");
                body = null;
            } else {
                String unstorable = StorableText.problem(body);
                if (unstorable != null) {
                    problems.add(Rejection.UNSTORABLE_TEXT, "the body " + unstorable + " (not recorded)");
                    body = null;
                }
            }
        } else {
            problems.add(Rejection.UNREADABLE_BODY, "unreadable body: a " + kind(message)
                    + " is not a TextMessage; Rewind expects a JSON text body");
        }

        Map<String, Object> properties = properties(message);
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(properties);
        recorded.problems().forEach(issue -> problems.add(issue.kind(), issue.text()));

        int deliveryCount = message.propertyExists("JMSXDeliveryCount")
                ? message.getIntProperty("JMSXDeliveryCount") : 1;
        UUID replayOf = MessageIds.parse(message.getStringProperty(RewindHeaders.REPLAY_OF));
        return new Envelope(id, StorableText.fit(type, LedgerEntry.MAX_TYPE),
                StorableText.fit(name(message.getJMSDestination()), LedgerEntry.MAX_DESTINATION), body, properties,
                recorded.json(), StorableText.fit(jmsMessageId, LedgerEntry.MAX_JMS_MESSAGE_ID), deliveryCount,
                replayOf, compensation, problems.text(), problems.first);
    }

    /**
     * The same message, found unusable once read (no handler for its type, a body its handler cannot read):
     * recorded as it came, body and properties, so an operator can see what was wrong and correct it (edit
     * and retry), or replay it once a handler exists.
     */
    public Envelope rejected(Rejection why, String reason) {
        return new Envelope(id, type, destination, body, properties, propertiesJson, jmsMessageId, deliveryCount,
                replayOf, compensation, reason, why);
    }

    /** The same message, marked unusable after the fact (the database refused what the checks let through). */
    public Envelope refused(Rejection why, String reason) {
        return new Envelope(id, type, destination, null, properties, "{}", jmsMessageId, deliveryCount, replayOf,
                compensation, reason, why);
    }

    /** What makes a message unusable: the first problem names the kind, every problem is in the text. */
    private static final class Problems {
        private final List<String> texts = new ArrayList<>();
        private Rejection first;

        void add(Rejection kind, String text) {
            if (first == null) {
                first = kind;
            }
            texts.add(text);
        }

        String text() {
            return texts.isEmpty() ? null : String.join("; ", texts);
        }
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

    /** The same message, on another queue (a dead-lettered message read in the DLQ belongs to the queue it came from). */
    public Envelope on(String queue) {
        return new Envelope(id, type, queue, body, properties, propertiesJson, jmsMessageId, deliveryCount, replayOf,
                compensation, unusable, rejection);
    }

    /** The PENDING entry of a message the ledger has not seen, first seen now on its queue. */
    public LedgerEntry newEntry(Instant now) {
        return new LedgerEntry(id(), type(), destination(), body(), propertiesJson(), jmsMessageId(), now,
                LedgerEntry.firstSeen(destination()));
    }

    /**
     * The entry of a message the ledger had not seen whose handler has just succeeded on its first
     * delivery: one row, its attempt and history implied (see {@link LedgerEntry#handledOnFirstDelivery}).
     */
    public LedgerEntry handledEntry(Instant startedAt, String node, Instant now) {
        return LedgerEntry.handledOnFirstDelivery(id(), type(), destination(), body(), propertiesJson(),
                jmsMessageId(), startedAt, node, now);
    }
}
