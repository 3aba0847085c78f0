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
 * @param followUps     how {@link #send} sends messages this one causes; {@link FollowUps#NONE} outside a handler's run
 */
public record MessageContext(UUID id, String type, String destination, int attempt, boolean redelivered,
                             Map<String, Object> properties, FollowUps followUps) {

    public MessageContext {
        followUps = followUps == null ? FollowUps.NONE : followUps;
    }

    /** A context that cannot send follow-ups (a compensation's, or one made by a test). */
    public MessageContext(UUID id, String type, String destination, int attempt, boolean redelivered,
                          Map<String, Object> properties) {
        this(id, type, destination, attempt, redelivered, properties, FollowUps.NONE);
    }

    /**
     * Sends a message caused by this one, in the handler's transaction: it is sent, and its ledger entry (with
     * {@code causedBy} = {@link #id}) written, only if the handler's work commits. A cascading revoke of this
     * message revokes it first.
     *
     * @param payload a {@code String} of JSON text, or an object sent as its JSON-B form
     * @return the follow-up's Rewind id
     */
    public UUID send(String type, Object payload) {
        return followUps.send(this, type, payload, 0);
    }

    /** {@link #send(String, Object)}, delivered {@code delayMs} milliseconds later. */
    public UUID send(String type, Object payload, long delayMs) {
        return followUps.send(this, type, payload, delayMs);
    }
}
