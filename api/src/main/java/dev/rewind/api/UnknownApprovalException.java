package dev.rewind.api;

import jakarta.ejb.ApplicationException;

/** No approval request has this id. */
@ApplicationException(rollback = true)
public class UnknownApprovalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownApprovalException(long id) {
        super("no approval request has id " + id);
    }
}
