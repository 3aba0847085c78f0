package dev.rewind.api;

/** What made a handler run. */
public enum AttemptKind {
    /** The first delivery of the message. */
    DELIVERY,
    /** The broker delivered it again after a failed attempt. */
    REDELIVERY,
    /** An operator or application replayed it. */
    REPLAY,
    /** A revoke ran the handler's {@code compensate}. */
    COMPENSATION
}
