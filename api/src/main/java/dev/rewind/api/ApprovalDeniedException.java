package dev.rewind.api;

import jakarta.ejb.ApplicationException;

/** A decision the four-eyes rule does not allow this caller: the requester deciding their own request. */
@ApplicationException(rollback = true)
public class ApprovalDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApprovalDeniedException(String message) {
        super(message);
    }
}
