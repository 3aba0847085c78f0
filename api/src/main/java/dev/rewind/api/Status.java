package dev.rewind.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a message is in its life. The transitions allowed between statuses are the lifecycle (docs/api.md, "Replay and revoke");
 * {@link #canMoveTo} is consulted by {@link LedgerEntry#moveTo} for every change.
 */
public enum Status {
    /** Known to the ledger, the handler has not run successfully yet. */
    PENDING,
    /** The handler ran and its effects committed. */
    PROCESSED,
    /** The last attempt failed (the broker may still redeliver), or the message is unusable. */
    FAILED,
    /** Re-enqueued by a replay; the consumer has not run it yet. */
    REPLAYING,
    /** A compensating message was sent; the handler's {@code compensate} has not committed yet. */
    REVOKING,
    /** Taken back: withdrawn before it ran, or compensated after it ran. Final. */
    REVOKED,
    /** The compensation failed its last attempt; it can be revoked again. */
    REVOKE_FAILED,
    /** Replaced by an edited message before it took effect (edit and retry); the edit is another entry. Final. */
    SUPERSEDED;

    private Set<Status> next;

    static {
        PENDING.next = EnumSet.of(PROCESSED, FAILED, REVOKED, SUPERSEDED);
        // FAILED -> PROCESSED: a broker redelivery succeeded after a failed attempt.
        FAILED.next = EnumSet.of(PROCESSED, REPLAYING, REVOKED, SUPERSEDED);
        PROCESSED.next = EnumSet.of(REPLAYING, REVOKING);
        REPLAYING.next = EnumSet.of(PROCESSED, FAILED, REVOKED, SUPERSEDED);
        REVOKING.next = EnumSet.of(REVOKED, REVOKE_FAILED);
        // REVOKE_FAILED -> REVOKED: a broker redelivery of the compensation succeeded;
        // REVOKE_FAILED -> REVOKING: an operator revokes again after the compensation was dead-lettered.
        REVOKE_FAILED.next = EnumSet.of(REVOKED, REVOKING);
        REVOKED.next = EnumSet.noneOf(Status.class);
        SUPERSEDED.next = EnumSet.noneOf(Status.class);
    }

    public boolean canMoveTo(Status target) {
        return next.contains(target);
    }

    /** The statuses this one may move to, for error messages and documentation. */
    public Set<Status> successors() {
        return EnumSet.copyOf(next);
    }

    /**
     * Whether a delivery of the message should run its handler: the handler has not run
     * successfully and nobody took the message back.
     */
    public boolean awaitsHandling() {
        return this == PENDING || this == FAILED || this == REPLAYING;
    }

    /** Whether a compensating message should run the handler's {@code compensate}. */
    public boolean awaitsCompensation() {
        return this == REVOKING || this == REVOKE_FAILED;
    }
}
