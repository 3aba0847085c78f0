package dev.rewind.spi;

import java.util.Map;
import java.util.UUID;

/**
 * What a handler may know about the message besides its payload.
 *
 * @param id            the Rewind id (the {@code rewindId} property, or derived from the JMS id)
 * @param type          the {@code JMSType}
 * @param destination   the queue the message was consumed from
 * @param attempt       the attempt number, starting at 1
 * @param redelivered   whether the broker delivers this message again after a failed attempt
 * @param properties    the message's user properties
 */
public record MessageContext(UUID id, String type, String destination, int attempt, boolean redelivered,
                             Map<String, Object> properties) {
}
