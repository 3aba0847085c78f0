package dev.rewind.api;

import jakarta.ejb.ApplicationException;

import java.util.UUID;

/** A lineage (or a cascading revoke) past {@link Lineage}'s limits: refused, naming where it went past them. */
@ApplicationException(rollback = true)
public class LineageTooLargeException extends RefusedException {
    private static final long serialVersionUID = 1L;

    public LineageTooLargeException(UUID entryId, String message) {
        super(entryId, message);
    }
}
