package dev.rewind.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How a message gets its Rewind id. */
public final class MessageIds {

    private MessageIds() {
    }

    /**
     * The id of a message that carries none: a name-based UUID of its JMSMessageID, so every
     * redelivery of the same JMS message maps to the same ledger entry.
     */
    public static UUID fromJmsMessageId(String jmsMessageId) {
        return UUID.nameUUIDFromBytes(("jms:" + jmsMessageId).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a producer's {@code rewindId}; {@code null} if it is not a UUID in canonical form. */
    public static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
