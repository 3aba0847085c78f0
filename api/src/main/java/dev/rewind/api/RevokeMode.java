package dev.rewind.api;

/** How a revoke takes back one message of its plan. */
public enum RevokeMode {
    /** Its handler has not run (PENDING, FAILED, REPLAYING): the message is withdrawn, the entry REVOKED. */
    WITHDRAW,
    /** Its handler ran (PROCESSED, or REVOKE_FAILED): its compensation runs, after those of what it caused. */
    COMPENSATE,
    /** Being compensated already (REVOKING): the compensations of its causes wait for it. */
    AWAIT,
    /** Nothing left to take back (REVOKED, SUPERSEDED); what it caused is still revoked. */
    NONE
}
