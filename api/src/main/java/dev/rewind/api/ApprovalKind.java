package dev.rewind.api;

/** What a request waiting for approval would do once approved. */
public enum ApprovalKind {
    /** Start a bulk job (it waits as a job AWAITING_APPROVAL). */
    BULK,
    /** Replay one message with force (its handler runs again although it ran). */
    FORCED_REPLAY,
    /** Revoke one message by compensation, or a cascade that compensates a message of a listed type. */
    REVOKE
}
