package dev.rewind.api;

/** How an attempt ended. */
public enum AttemptOutcome {
    /** The handler returned and the transaction committed. */
    SUCCEEDED,
    /** The handler threw; its transaction rolled back and the broker may redeliver. */
    FAILED,
    /** The message could not be handled at all (no type, unknown type, unreadable body); not retried. */
    REJECTED
}
