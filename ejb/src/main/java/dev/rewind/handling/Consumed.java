package dev.rewind.handling;

import dev.rewind.message.Rejection;
import java.util.UUID;

/**
 * Fired once per delivery, in the consumer's transaction, when Rewind has decided what the
 * delivery did. Transactional observers ({@code during = AFTER_SUCCESS}) see only what
 * committed; metrics and tests listen to it instead of polling the ledger.
 *
 * @param id      the message's Rewind id
 * @param type    its JMSType, possibly null
 * @param outcome what this delivery did
 * @param handlerNanos how long the handler (or compensate) ran; 0 if none ran
 * @param rejection why the message was rejected, for {@link Outcome#REJECTED}; null otherwise
 */
public record Consumed(UUID id, String type, Outcome outcome, long handlerNanos, Rejection rejection) {

    public Consumed(UUID id, String type, Outcome outcome) {
        this(id, type, outcome, 0);
    }

    public Consumed(UUID id, String type, Outcome outcome, long handlerNanos) {
        this(id, type, outcome, handlerNanos, null);
    }

    public enum Outcome {
        /** The handler ran; PROCESSED if the transaction commits. */
        HANDLED,
        /** The handler threw; the transaction rolls back and the broker redelivers or dead-letters. */
        FAILED,
        /** Unusable message: recorded FAILED and dead-lettered without running a handler. */
        REJECTED,
        /** Already PROCESSED, revoked or being revoked: acknowledged without running the handler. */
        SKIPPED,
        /** A revoke's compensating message ran the handler's compensate; REVOKED if it commits. */
        COMPENSATED
    }
}
