package dev.rewind.spi;

import java.util.UUID;

/**
 * Sends messages caused by the message a handler is running on, in the handler's transaction: each gets a ledger
 * entry whose {@code causedBy} names the cause, committed with the handler's work (a handler that fails or is
 * rolled back leaves no follow-up behind). A cascading revoke finds them through that link. Handlers reach it
 * through {@link MessageContext#send}.
 */
@FunctionalInterface
public interface FollowUps {

    /** The follow-ups of a context Rewind did not make for a running handler: refused. */
    FollowUps NONE = (cause, type, payload, delayMs) -> {
        throw new IllegalStateException("message " + cause.id() + " cannot send follow-ups: Rewind sends them only"
                + " for a handler it is running, in the handler's transaction");
    };

    /**
     * Sends a message of {@code type} caused by {@code cause}.
     *
     * @param payload the body: a {@code String} is sent as it is (JSON text), anything else as its JSON-B form;
     *                it must be readable as the payload of {@code type}'s handler
     * @param delayMs delivery delay in milliseconds (0 for none)
     * @return the new message's Rewind id
     * @throws IllegalStateException    outside the handler's run or transaction
     * @throws IllegalArgumentException for an unknown type, an unreadable body or a delay out of range
     */
    UUID send(MessageContext cause, String type, Object payload, long delayMs);
}
