package dev.rewind.api;

/** Where a request under the four-eyes rule is. Only an approved request runs. */
public enum ApprovalState {
    AWAITING_APPROVAL,
    /** Approved by another principal with the approver role, and carried out then. */
    APPROVED,
    REJECTED,
    /** Nobody decided before it expired: it never runs. */
    EXPIRED
}
