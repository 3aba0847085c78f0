package dev.rewind.api;

/** Where a bulk job is. Only RUNNING jobs make progress, and they resume after a restart. */
public enum JobState {
    /** Held back by the approval policy: it starts when another person approves it (see its approval). */
    AWAITING_APPROVAL,
    /** Rejected by an approver, or not approved before its request expired: it never ran. */
    REJECTED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    /** Stopped by an error that retrying its chunk did not cure; see the job's last error. */
    FAILED
}
